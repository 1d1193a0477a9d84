const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function fetchAll(ids: readonly number[]): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const id of ids) {
    await delay(1);
    out[id] = `item-${id}`;
  }
  return out;
}
return await fetchAll([1, 2, 3] as const);
