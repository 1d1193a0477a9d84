// expect: ok
// A throwing getter on String.prototype that JSON.stringify never asks for.
const sp = Object.getPrototypeOf('');
Object.defineProperty(sp, 'evil', { get() { throw new Error('boom'); } });
return 'fine';
