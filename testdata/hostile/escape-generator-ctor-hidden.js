// expect: ok
// output: ["TypeError: dynamic code evaluation is disabled in this sandbox (Function constructor)", "TypeError: dynamic code evaluation is disabled in this sandbox (Function constructor)", "TypeError: dynamic code evaluation is disabled in this sandbox (Function constructor)"]
// The constructors of the Function, AsyncFunction and GeneratorFunction
// prototypes, found by enumerating their descriptors (no key in the code),
// and called: each throws inside the runtime.
const protos = [() => {}, async () => {}, function* () {}].map((f) => Object.getPrototypeOf(f));
const out = [];
for (const p of protos) {
  const [first] = Object.values(Object.getOwnPropertyDescriptors(p));
  try { first.value('yield 1'); out.push('called!'); } catch (e) { out.push(String(e)); }
}
return out;
