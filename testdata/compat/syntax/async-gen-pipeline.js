// Composing async generators: map, filter, take.
async function* numbers() {
  for (let i = 1; ; i++) { await null; yield i; }
}
async function* map(src, f) { for await (const x of src) yield f(x); }
async function* filter(src, p) { for await (const x of src) if (p(x)) yield x; }
async function* take(src, n) {
  if (n <= 0) return;
  for await (const x of src) { yield x; if (--n <= 0) return; }
}
const out = [];
for await (const x of take(filter(map(numbers(), (n) => n * n), (n) => n % 2 === 1), 5)) out.push(x);
return out;
