// compat: allowBuiltinModules
const util = require('util');
class Temp {
  constructor(c) { this._c = c; }
  get fahrenheit() { return this._c * 9 / 5 + 32; }
  get broken() { throw new TypeError('no'); }
}
const t = new Temp(100);
const view = Object.defineProperties({ celsius: 100 }, { f: { get: () => t.fahrenheit, enumerable: true }, label: { get() { return 'hot'; }, set(v) {}, enumerable: true } });
console.log(view);
console.log(util.inspect(view, { getters: true }));
console.log(util.inspect(view, { getters: 'set' }));
return util.inspect({ get nothing() { return null; }, get obj() { return { a: 1 }; } }, { getters: true });
