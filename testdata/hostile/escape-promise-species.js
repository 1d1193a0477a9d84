// expect: ok
// vm2 GHSA-cchq-frgv-rjh5 / CVE-2023-37466: a Promise subclass whose
// Symbol.species receives the host's rejection handlers. Here the handlers
// are the runtime's own JavaScript functions, and calling them reaches
// nothing.
let got = [];
class P extends Promise {
  static get [Symbol.species]() {
    return function (executor) { executor((v) => got.push(typeof v), (e) => got.push(typeof e)); };
  }
}
const p = P.resolve(1).then((x) => x);
return { species: typeof p, got };
