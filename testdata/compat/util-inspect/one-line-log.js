// compat: allowBuiltinModules
const util = require('util');
const events = Array.from({ length: 6 }, (_, i) => ({ id: i, type: i % 2 ? 'click' : 'view', meta: { path: '/p/' + i, ms: i * 17 } }));
for (const e of events) console.log(util.inspect(e, { breakLength: Infinity, compact: true }));
console.log(util.inspect(events, { breakLength: Infinity }));
return events.length;
