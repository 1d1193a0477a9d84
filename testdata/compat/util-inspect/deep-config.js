// compat: allowBuiltinModules
const util = require('util');
const config = { server: { http: { port: 8080, tls: { cert: 'a.pem', key: { path: 'k.pem', rotate: { days: 30 } } } } }, workers: 4 };
console.log(util.inspect(config, { depth: null }));
console.log(util.inspect(config, { depth: Infinity, compact: false }));
console.log(util.inspect(config, { depth: 0 }));
return util.inspect(config, { depth: 1, breakLength: Infinity });
