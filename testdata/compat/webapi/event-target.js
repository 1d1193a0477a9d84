// A tiny event bus on EventTarget.
class Bus extends EventTarget {
  emit(type, detail) { const e = new Event(type); e.detail = detail; return this.dispatchEvent(e); }
}
const bus = new Bus();
const got = [];
bus.addEventListener('item', (e) => got.push(`a:${e.detail}`));
bus.addEventListener('item', { handleEvent(e) { got.push(`b:${e.detail}`); } }, { once: true });
bus.emit('item', 1);
bus.emit('item', 2);
bus.emit('other', 3);
return got;
