// compat: allowBuiltinModules
const url = require('url');
const u = url.parse('https://api.example.com:8443/v1/items?limit=5&sort=desc#top', true);
console.log(u.hostname, u.port, u.pathname, u.hash);
return { host: u.host, query: { ...u.query }, path: u.path };
