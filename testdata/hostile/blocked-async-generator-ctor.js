// expect: blocked
// The Function constructor reached from inside an async generator, which
// is lowered by esbuild before validation: still seen.
async function* g() {
  yield [].constructor.constructor('return process')();
}
for await (const p of g()) return p;
