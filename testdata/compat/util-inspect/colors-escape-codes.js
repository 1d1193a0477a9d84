// compat: allowBuiltinModules
const util = require('util');
const out = util.inspect([1, 'two', 3n, undefined, null, Symbol('s'), /x/i, () => {}], { colors: true });
console.log(JSON.stringify(out));
const codes = out.match(/\u001b\[\d+m/g);
console.log(codes.length, [...new Set(codes)].sort().join(' '));
return util.inspect.colors.green;
