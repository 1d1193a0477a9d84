// expect: error
// A typed-array species that returns a shorter array: map must throw.
class T extends Uint8Array { static get [Symbol.species]() { return function () { return new Uint8Array(1); }; } }
const t = new T(64);
return t.map((x) => x + 1).length;
