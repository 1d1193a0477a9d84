// compat: allowBuiltinModules
const util = require('util');
const before = { ...util.inspect.defaultOptions };
util.inspect.defaultOptions.depth = 5;
util.inspect.defaultOptions.maxArrayLength = 3;
const nested = { a: { b: { c: { d: { e: 'deep' } } } }, list: [1, 2, 3, 4, 5] };
console.log(nested);
console.log(util.inspect(nested));
util.inspect.defaultOptions = before;
console.log(nested);
return Object.keys(util.inspect.defaultOptions);
