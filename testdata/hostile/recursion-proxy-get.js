// expect: error
// timeout: 30s
// message: Maximum call stack size exceeded
// A Proxy whose get trap reads itself.
const p = new Proxy({}, { get(t, k, r) { return r[k]; } });
return p.x;
