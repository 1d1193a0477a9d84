// compat: allowBuiltinModules
const util = require('util');
const payload = { data: { items: [{ id: 1, tags: { a: { b: 1 } } }] } };
console.log(util.formatWithOptions({ depth: 0 }, 'payload:', payload));
console.log(util.formatWithOptions({ depth: Infinity }, 'payload: %O', payload));
console.log(util.formatWithOptions({ compact: false }, '%s', 'x', payload.data));
try { util.formatWithOptions('nope', 'x'); } catch (e) { console.log(e.name, e.code, e.message); }
return util.formatWithOptions({ colors: true }, 'n=%d', 5);
