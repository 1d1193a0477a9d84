class Counter {
  constructor(start = 0) {
    this.value = start;
  }
  increment(by = 1) {
    this.value += by;
    return this;
  }
  get doubled() {
    return this.value * 2;
  }
  set reset(v) {
    this.value = v;
  }
  static from(n) {
    return new Counter(n);
  }
}
const c = Counter.from(2).increment().increment(3);
return { value: c.value, doubled: c.doubled, type: c.constructor.name };
