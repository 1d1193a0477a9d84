// expect: error
// timeout: 30s
// message: Maximum call stack size exceeded
// Recursion inside the output conversion: toJSON calls stringify on itself.
const o = { toJSON() { return JSON.stringify(this); } };
return o;
