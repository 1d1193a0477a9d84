// expect: ok
// output: []
// No host object among the globals, by enumeration.
const names = Object.getOwnPropertyNames(globalThis);
return ['process', 'require', 'module', 'exports', 'Buffer', 'global', 'Deno', 'Bun', 'WebAssembly', 'fetch', 'XMLHttpRequest', 'importScripts', 'navigator']
  .filter((n) => names.includes(n));
