// expect: ok
// RegExp species: split constructs a RegExp subclass of the code's own.
let calls = 0;
class R extends RegExp { static get [Symbol.species]() { calls++; return RegExp; } }
return { parts: 'a,b,c'.split(new R(',')), calls };
