// An async queue built on Promise.withResolvers: consumers wait for producers.
class AsyncQueue {
  #items = [];
  #waiters = [];
  push(v) {
    const w = this.#waiters.shift();
    if (w) w.resolve(v);
    else this.#items.push(v);
  }
  pop() {
    if (this.#items.length) return Promise.resolve(this.#items.shift());
    const d = Promise.withResolvers();
    this.#waiters.push(d);
    return d.promise;
  }
}
const q = new AsyncQueue();
const got = [];
const consumer = (async () => {
  for (let i = 0; i < 4; i++) got.push(await q.pop());
})();
q.push('a');
setTimeout(() => q.push('b'), 5);
setTimeout(() => { q.push('c'); q.push('d'); }, 10);
await consumer;
console.log('consumed', got.join(''));
return got;
