// compat: allowBuiltinModules
const util = require('util');
const target = { name: 'cfg', retries: 3 };
const p = new Proxy(target, { get: (t, k) => (k in t ? t[k] : 'default') });
console.log(p);
console.log(util.inspect(p, { showProxy: true }));
console.log(util.inspect({ wrapped: p }, { showProxy: true }));
const { proxy, revoke } = Proxy.revocable({}, {});
revoke();
console.log(util.inspect(proxy));
return p.missing;
