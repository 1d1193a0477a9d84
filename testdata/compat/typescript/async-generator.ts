// A typed async generator over a paginated fake API.
interface Page<T> { items: T[]; next?: number }
const db: Record<number, Page<{ sku: string; qty: number }>> = {
  0: { items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 0 }], next: 1 },
  1: { items: [{ sku: 'C', qty: 7 }] },
};
async function fetchPage(n: number): Promise<Page<{ sku: string; qty: number }>> {
  await new Promise((r) => setTimeout(r, 2));
  return db[n];
}
async function* inventory(): AsyncGenerator<{ sku: string; qty: number }, void, undefined> {
  let n: number | undefined = 0;
  while (n !== undefined) {
    const page = await fetchPage(n);
    yield* page.items;
    n = page.next;
  }
}
const inStock: string[] = [];
for await (const item of inventory()) if (item.qty > 0) inStock.push(item.sku);
return inStock;
