// expect: ok
// Functions, symbols and undefined become null in arrays and vanish from objects.
return { f() {}, s: Symbol('x'), u: undefined, arr: [() => 1, Symbol.iterator, undefined], [Symbol('k')]: 1 };
