// expect: ok
// vm2 GHSA-whpj-8f3w-67p5: Error.prepareStackTrace hands host CallSite
// objects to sandbox code. goja has no prepareStackTrace hook: the function
// is never called, and the stack is a plain string.
let called = false;
Error.prepareStackTrace = (e, frames) => { called = true; return frames[0].getThis(); };
const s = new Error('x').stack;
return { called, stackIsString: typeof s === 'string' };
