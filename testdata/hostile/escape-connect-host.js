// expect: ok
// output: {"apis": [], "port": "number"}
// Reach the host's loopback listener (its port is in the context) with
// whatever network API might exist: there is none.
const names = Object.getOwnPropertyNames(globalThis);
const apis = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'navigator'].filter((n) => names.includes(n));
return { apis, port: typeof context.port };
