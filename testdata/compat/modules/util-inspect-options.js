// compat: allowBuiltinModules
const util = require('util');
const data = { zeta: 1, alpha: [1, 2, 3], mid: 'text' };
console.log(util.inspect(data, { sorted: true }));
console.log(util.inspect(data, { breakLength: 20 }));
console.log(util.inspect('str'), util.inspect(new Date(0)), util.inspect(null));
return util.inspect(data, { colors: false, compact: 3 });
