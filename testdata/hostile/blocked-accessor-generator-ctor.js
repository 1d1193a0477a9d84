// expect: blocked
// The (async generator) function constructor reached through an accessor
// field's value, in code esbuild lowers before validation.
class A { accessor f = async function* () {}; }
const fn = new A().f;
return fn.constructor('yield 1');
