// expect: error
// toJSON inherited by every object, and throwing: the output conversion
// reports an error instead of breaking.
const op = Object.getPrototypeOf({});
Object.defineProperty(op, 'toJSON', { get() { throw new Error('no output for you'); }, configurable: true });
return { a: 1 };
