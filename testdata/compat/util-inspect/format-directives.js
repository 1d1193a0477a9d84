// compat: allowBuiltinModules
const util = require('util');
const user = { id: 7, name: 'Ana', roles: ['admin'] };
console.log(util.format('user=%s id=%d score=%f raw=%j', user.name, user.id, '9.5', user));
console.log(util.format('%o', user));
console.log(util.format('%O and %s', user, user));
console.log(util.format('100%% done', 'extra', 1));
console.log(util.format('%i items, %s', 42.9, 12345678901234567890n));
return util.format('%s', null, undefined, true, Symbol('s'));
