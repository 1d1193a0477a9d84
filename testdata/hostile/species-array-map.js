// expect: ok
// Array species: map builds whatever the constructor returns.
class A extends Array { static get [Symbol.species]() { return function () { return new Proxy([], {}); }; } }
const a = A.from([1, 2, 3]);
const m = a.map((x) => x * 2);
return { isArray: Array.isArray(m), values: [...m] };
