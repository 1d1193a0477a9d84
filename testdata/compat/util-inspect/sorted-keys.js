// compat: allowBuiltinModules
const util = require('util');
const headers = { 'x-request-id': 'abc', accept: '*/*', 'content-type': 'application/json', Host: 'example.com' };
console.log(util.inspect(headers, { sorted: true }));
console.log(util.inspect(headers, { sorted: (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) }));
return util.inspect(new Map([['z', 1], ['a', 2]]), { sorted: true });
