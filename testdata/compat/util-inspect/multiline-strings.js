// compat: allowBuiltinModules
const util = require('util');
const log = 'GET /api/users 200 12ms\nGET /api/orders 500 340ms\nPOST /api/login 401 5ms';
console.log({ log });
console.log(util.inspect(log));
console.log(util.inspect({ log }, { compact: true }));
console.log([log.slice(0, 30)]);
return util.inspect({ log }, { breakLength: Infinity });
