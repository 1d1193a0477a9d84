// compat: allowBuiltinModules
const { EventEmitter, once } = require('events');
const ee = new EventEmitter();
setTimeout(() => ee.emit('data', { rows: 3 }), 5);
const [payload] = await once(ee, 'data');
console.log('received', payload);
return payload.rows;
