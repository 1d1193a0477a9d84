// compat: allowBuiltinModules
const util = require('util');
const event = { type: 'order.created', at: new Date(Date.UTC(2024, 4, 1)), payload: { id: 'o_1', lines: [{ sku: 'A', qty: 1, price: 9.5 }], tags: new Set(['new', 'vip']) } };
console.log(util.inspect(event, { depth: 4, breakLength: 120 }));
console.log(util.format('event %s with %d line(s)', event.type, event.payload.lines.length));
return util.inspect(event.payload.tags);
