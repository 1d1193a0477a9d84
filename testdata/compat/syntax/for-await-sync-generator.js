// for await over a sync generator that yields promises (awaited one by one).
function* jobs() {
  yield Promise.resolve('a');
  yield new Promise((r) => setTimeout(() => r('b'), 5));
  yield 'c';
}
const done = [];
for await (const j of jobs()) done.push(j);
return done.join('-');
