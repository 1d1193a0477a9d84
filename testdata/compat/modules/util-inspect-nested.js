// compat: allowBuiltinModules
const util = require('util');
const obj = { level1: { level2: { level3: { level4: { deep: true } } } }, list: [1, [2, [3, [4]]]], map: new Map([['k', { v: 1 }]]) };
console.log(util.inspect(obj));
console.log(util.inspect(obj, { depth: null }));
console.log(util.inspect(obj, { depth: 0 }));
return util.inspect(obj, { compact: false, depth: 1 });
