// compat: allowBuiltinModules
const util = require('util');
const v = { a: { b: { c: { d: 1 } } }, list: [1, 2] };
console.log(util.inspect(v, false, 0));
console.log(util.inspect(v, false, null));
console.log(util.inspect(v, true, 1, false));
return util.inspect(v, false, 1, true);
