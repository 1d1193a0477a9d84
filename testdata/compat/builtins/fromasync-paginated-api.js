// compat: context {"pages": [[1, 2, 3], [4, 5], [6]]}
// A paginated API as an async iterable object, collected with Array.fromAsync.
const api = {
  calls: 0,
  async fetchPage(n) {
    this.calls++;
    await new Promise((r) => setTimeout(r, 1));
    return { items: context.pages[n] ?? [], next: n + 1 < context.pages.length ? n + 1 : null };
  },
};
const allItems = {
  [Symbol.asyncIterator]() {
    let page = 0;
    let buffer = [];
    return {
      async next() {
        while (buffer.length === 0) {
          if (page === null) return { done: true, value: undefined };
          const res = await api.fetchPage(page);
          buffer = [...res.items];
          page = res.next;
        }
        return { done: false, value: buffer.shift() };
      },
    };
  },
};
const items = await Array.fromAsync(allItems);
const squared = await Array.fromAsync(allItems, async (x) => x * x);
console.log(`fetched ${items.length} items in ${api.calls} calls`);
return { items, squared };
