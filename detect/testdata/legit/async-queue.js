async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}
return await mapLimit([5, 1, 3, 2], 2, async (x) => { await new Promise((r) => setTimeout(r, x)); return x * 10; });
