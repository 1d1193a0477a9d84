// expect: error
// The same with the string hidden from validation: the runtime refuses a
// callback that is not a function.
const cb = ['globalThis', 'pwned = 1'].join('.');
const st = globalThis['set' + 'Timeout'];
st(cb, 0);
await new Promise((r) => st(r, 5));
return typeof globalThis.pwned;
