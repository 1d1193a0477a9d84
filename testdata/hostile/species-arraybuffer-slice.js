// expect: error
// An ArrayBuffer species returning a too-small buffer: slice must throw,
// not write out of bounds.
class B extends ArrayBuffer { static get [Symbol.species]() { return function () { return new ArrayBuffer(1); }; } }
const b = new B(16);
return b.slice(0, 16).byteLength;
