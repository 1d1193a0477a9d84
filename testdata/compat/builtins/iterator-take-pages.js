// Lazy pagination: a generator of pages, flattened, stopping after N items.
let fetched = 0;
function* pages() {
  for (let page = 1; ; page++) {
    fetched++;
    yield Array.from({ length: 5 }, (_, i) => ({ id: (page - 1) * 5 + i + 1, page }));
  }
}
const first12 = pages().flatMap((items) => items).take(12).toArray();
console.log('pages fetched:', fetched);
return { ids: first12.map((x) => x.id), lastPage: first12.at(-1).page, fetched };
