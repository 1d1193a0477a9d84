// expect: error
// timeout: 30s
// Native recursion (getters, toString) reaches the stack limit slowly
// under load: the timeout leaves room for it.
// Recursion through getters.
const o = { get a() { return this.b; }, get b() { return this.a; } };
return o.a;
