// A class extending Iterator gets every helper; Symbol.dispose closes it.
class Range extends Iterator {
  #i;
  #end;
  closed = false;
  constructor(start, end) {
    super();
    this.#i = start;
    this.#end = end;
  }
  next() {
    return this.#i < this.#end ? { value: this.#i++, done: false } : { value: undefined, done: true };
  }
  return() {
    this.closed = true;
    return { value: undefined, done: true };
  }
}
const r = new Range(0, 10);
const evens = r.filter((n) => n % 2 === 0).take(3).toArray();
const r2 = new Range(0, 3);
r2[Symbol.dispose]();
console.log(typeof Symbol.dispose, typeof Symbol.asyncDispose, typeof Symbol.asyncIterator);
return { evens, closedAfterTake: r.closed, disposed: r2.closed, tag: String(r) };
