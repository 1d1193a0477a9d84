// expect: timeout
// timeout: 300ms
// A "then" getter on Promise.prototype that spins: resolving the async
// function with a promise reads it, and the deadline stops it.
const pp = Object.getPrototypeOf(Promise.resolve());
Object.defineProperty(pp, 'then', { get() { for (;;) {} } });
return Promise.resolve(1);
