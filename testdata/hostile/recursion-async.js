// expect: error
// timeout: 30s
// message: Maximum call stack size exceeded
// Recursion through async functions.
async function f() { return await f(); }
return await f();
