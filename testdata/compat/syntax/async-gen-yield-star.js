// yield* delegates to another async generator and to a sync iterable.
async function* head() { yield 'h1'; await null; yield 'h2'; }
async function* all() {
  yield* head();
  yield* ['s1', 's2'];
  yield* new Set(['s3']);
  return 'done';
}
const out = [];
const it = all();
let r;
while (!(r = await it.next()).done) out.push(r.value);
out.push(r.value);
return out;
