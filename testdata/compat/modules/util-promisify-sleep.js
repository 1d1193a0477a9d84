// compat: allowBuiltinModules
const { promisify } = require('util');
const sleep = promisify(setTimeout);
const order = [];
await Promise.all([sleep(20).then(() => order.push('slow')), sleep(5).then(() => order.push('fast'))]);
const v = await sleep(1, 'value');
console.log(order.join(' then '), v);
return order;
