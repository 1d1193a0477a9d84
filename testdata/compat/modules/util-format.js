// compat: allowBuiltinModules
const util = require('util');
console.log(util.format('%s has %d items costing %f', 'cart', 3, 9.99));
console.log(util.format('%j', { a: [1, 2] }));
console.log(util.format('%o', [1, { b: 2 }]));
console.log(util.format('no args', 1, 'two', { three: 3 }));
return util.format('%s%%', 50);
