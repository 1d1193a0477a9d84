// A memo cache that holds its values through WeakRef, as libraries do.
class WeakCache {
  #map = new Map();
  #registry = new FinalizationRegistry((key) => this.#map.delete(key));
  get(key, compute) {
    const hit = this.#map.get(key)?.deref();
    if (hit !== undefined) return { value: hit, hit: true };
    const value = compute(key);
    this.#map.set(key, new WeakRef(value));
    this.#registry.register(value, key, value);
    return { value, hit: false };
  }
  forget(key) {
    const v = this.#map.get(key)?.deref();
    this.#map.delete(key);
    return v ? this.#registry.unregister(v) : false;
  }
}
const cache = new WeakCache();
const compute = (k) => ({ key: k, square: k * k });
const r = [cache.get(4, compute), cache.get(4, compute), cache.get(5, compute)];
console.log(r.map((x) => x.hit).join(','));
return { hits: r.map((x) => x.hit), value: r[1].value, forgot: cache.forget(4), forgotAgain: cache.forget(4), tag: Object.prototype.toString.call(new WeakRef({})) };
