// compat: allowBuiltinModules
const util = require('util');
const obj = { visible: 1 };
Object.defineProperty(obj, 'hidden', { value: 'h', enumerable: false });
Object.defineProperty(obj, Symbol('meta'), { value: 2, enumerable: false });
console.log(util.inspect(obj));
console.log(util.inspect(obj, { showHidden: true }));
console.log(util.inspect(obj, true));
return util.inspect([1, 2], { showHidden: true });
