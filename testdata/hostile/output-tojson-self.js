// expect: error
// toJSON returning a cycle.
const o = { toJSON() { const c = {}; c.c = c; return c; } };
return o;
