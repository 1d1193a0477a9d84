// A paginated API, consumed page by page with an async generator.
// compat: context {"pages": [[{"id": 1, "total": 10}, {"id": 2, "total": 25}], [{"id": 3, "total": 5}], []]}
const api = {
  async list(cursor) {
    await null;
    const i = cursor ?? 0;
    const items = context.pages[i] ?? [];
    return { items, next: i + 1 < context.pages.length ? i + 1 : null };
  },
};
async function* allOrders() {
  let cursor = null;
  do {
    const page = await api.list(cursor);
    console.log(`page ${cursor ?? 0}: ${page.items.length} items`);
    yield* page.items;
    cursor = page.next;
  } while (cursor !== null);
}
let sum = 0;
const ids = [];
for await (const order of allOrders()) {
  ids.push(order.id);
  sum += order.total;
}
return { ids, sum };
