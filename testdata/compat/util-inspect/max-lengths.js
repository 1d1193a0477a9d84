// compat: allowBuiltinModules
const util = require('util');
const rows = Array.from({ length: 250 }, (_, i) => i);
const text = 'lorem ipsum '.repeat(50);
console.log(util.inspect(rows, { maxArrayLength: 5 }));
console.log(util.inspect({ text }, { maxStringLength: 20 }));
console.log(util.inspect(new Set(rows), { maxArrayLength: 2 }));
console.log(util.inspect(rows, { maxArrayLength: 0 }));
return util.inspect(rows, { maxArrayLength: null }).split('\n').length;
