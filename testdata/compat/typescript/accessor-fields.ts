// Class accessor fields: auto-accessors on the prototype, storage private.
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
class Counter {
  accessor count = 0;
  static accessor instances = 0;
  constructor() { Counter.instances++; }
  inc() { this.count++; return this; }
}
const a = new Counter().inc().inc();
new Counter();
const desc = Object.getOwnPropertyDescriptor(Counter.prototype, 'count');
return {
  count: a.count,
  instances: Counter.instances,
  ownKeys: Object.keys(a),
  protoAccessor: typeof desc.get === 'function' && typeof desc.set === 'function',
  json: JSON.stringify(a),
};
