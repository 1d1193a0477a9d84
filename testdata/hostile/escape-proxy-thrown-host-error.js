// expect: ok
// vm2 GHSA-ch3r-j5x3-6q2m: throw a Proxy so that the host's error handling
// calls its traps with host objects. Every trap here only sees sandbox values.
const seen = [];
const p = new Proxy({}, {
  get(t, k) { seen.push(String(k)); return undefined; },
  getPrototypeOf() { seen.push('getPrototypeOf'); return null; },
});
try { throw p; } catch (e) { return { caught: e === p, traps: seen.length }; }
