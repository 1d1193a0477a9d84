// expect: error
// timeout: 30s
// Native recursion (getters, toString) reaches the stack limit slowly
// under load: the timeout leaves room for it.
// Recursion inside the console's formatting.
const o = { toString() { return `${this}`; } };
console.log(String(o));
