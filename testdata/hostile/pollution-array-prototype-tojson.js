// expect: ok
// A toJSON on Array.prototype, added where validation cannot see, changes
// only this runner's output, which is still valid JSON.
const ap = Object.getPrototypeOf([]);
Object.defineProperty(ap, 'toJSON', { value() { return 'array!'; } });
return [1, 2, 3];
