// compat: allowBuiltinModules
const EventEmitter = require('events');
const e = new EventEmitter();
try {
  e.emit('error', new Error('unhandled boom'));
} catch (err) {
  console.log('caught:', err.message);
}
e.on('error', (err) => console.log('handled:', err.message));
e.emit('error', new Error('second'));
return e.eventNames();
