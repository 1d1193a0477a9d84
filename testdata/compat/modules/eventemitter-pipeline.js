// compat: allowBuiltinModules
const EventEmitter = require('events');
class Pipeline extends EventEmitter {
  run(items) {
    this.emit('start', items.length);
    for (const item of items) this.emit('item', item * 2);
    this.emit('end');
  }
}
const p = new Pipeline();
const results = [];
p.on('start', (n) => console.log('starting', n));
p.on('item', (x) => results.push(x));
p.once('end', () => console.log('done', results));
p.run([1, 2, 3]);
return { results, count: p.listenerCount('item') };
