// A cursor-style API (only next()) turned into a real iterator with Iterator.from.
function makeCursor(rows) {
  let i = 0;
  return { next: () => (i < rows.length ? { value: rows[i++], done: false } : { value: undefined, done: true }) };
}
const cursor = makeCursor([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
const it = Iterator.from(cursor);
console.log('is Iterator:', it instanceof Iterator, 'tag:', Object.prototype.toString.call(it));
const doubled = it.map((r) => r.n * 2).filter((n) => n > 2).toArray();
return { doubled, again: Iterator.from(makeCursor([5, 6])).toArray() };
