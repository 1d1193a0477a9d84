// expect: error
// Recursion inside the console's formatting.
const o = { toString() { return `${this}`; } };
console.log(String(o));
