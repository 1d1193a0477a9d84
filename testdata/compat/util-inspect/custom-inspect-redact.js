// compat: allowBuiltinModules
const util = require('util');
class Secret { constructor(v) { this.v = v; } [util.inspect.custom]() { return '<redacted>'; } }
const creds = { user: 'ana', password: new Secret('hunter2'), tokens: [new Secret('t1'), new Secret('t2')] };
console.log(creds);
console.log(util.inspect(creds, { customInspect: false }));
console.log('%o', creds.password);
return util.inspect(creds);
