// compat: allowBuiltinModules
const util = require('util');
const rows = [{ id: 1, price: 1234.5, tags: ['a', 'b', 'c', 'd'] }, { id: 2, price: 99, tags: [] }];
console.table(rows);
console.log(util.inspect(rows, { breakLength: Infinity }));
return rows.map((r) => util.inspect(r.tags, { maxArrayLength: 3, breakLength: Infinity }));
