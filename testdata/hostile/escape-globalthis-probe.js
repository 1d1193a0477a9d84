// expect: blocked
// Look for anything host-shaped among the globals by run-time names:
// indexing the global object with a key built at run time is refused.
const names = ['pro' + 'cess', 'req' + 'uire', 'mod' + 'ule', 'Buf' + 'fer', 'Deno', 'Bun', 'WebAssembly', 'fetch', 'XMLHttpRequest', 'importScripts'];
const found = names.filter((n) => Reflect.has(globalThis, n));
return { found };
