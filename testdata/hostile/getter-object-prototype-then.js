// expect: timeout
// timeout: 300ms
// A "then" getter on Object.prototype makes every returned object a
// thenable that never settles: the run ends at its deadline.
const op = Object.getPrototypeOf({});
Object.defineProperty(op, 'then', { get() { return (resolve) => {}; }, configurable: true });
return { a: 1 };
