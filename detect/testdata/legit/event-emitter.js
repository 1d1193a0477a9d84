class Emitter {
  constructor() { this.handlers = {}; }
  on(evt, fn) { (this.handlers[evt] ||= []).push(fn); return () => this.off(evt, fn); }
  off(evt, fn) { this.handlers[evt] = (this.handlers[evt] || []).filter((h) => h !== fn); }
  emit(evt, ...args) { for (const h of this.handlers[evt] || []) h(...args); }
}
const e = new Emitter();
const got = [];
const off = e.on('data', (x) => got.push(x));
e.emit('data', 1); off(); e.emit('data', 2);
return got;
