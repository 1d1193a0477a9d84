// compat: allowBuiltinModules
const EventEmitter = require('events');
const bus = new EventEmitter();
const log = [];
bus.on('job', async (id) => {
  await new Promise((r) => setTimeout(r, 5));
  log.push('done ' + id);
  if (log.length === 2) bus.emit('all-done');
});
const finished = EventEmitter.once(bus, 'all-done');
bus.emit('job', 1);
bus.emit('job', 2);
await finished;
console.log(log);
return log.length;
