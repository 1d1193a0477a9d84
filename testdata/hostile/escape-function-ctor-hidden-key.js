// expect: error
// context: {"k": "constructor"}
// message: dynamic code evaluation is disabled
// The Function constructor through a key from the context and a function
// held in a Map, which validation cannot follow: the runtime refuses it.
const m = new Map([[1, () => 0]]);
const g = m.get(1);
return g[context.k]('return globalThis')();
