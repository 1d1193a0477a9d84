// expect: error
// Recursion through getters.
const o = { get a() { return this.b; }, get b() { return this.a; } };
return o.a;
