// Node's primordials (lib/internal/per_context/primordials.js), looked up
// on demand from this realm's intrinsics: the vendored Node files below
// destructure a few dozen of them, so building all of Node's thousands at
// load would cost more than the files themselves.
'use strict';
const ReflectApply = Reflect.apply;
const uncurryThis = (fn) => (thisArg, ...args) => ReflectApply(fn, thisArg, args);
const FunctionPrototype = Object.getPrototypeOf(function () {});
const owners = {
  __proto__: null,
  decodeURI, decodeURIComponent, encodeURI, encodeURIComponent,
  JSON, Math, Reflect,
  Array, ArrayBuffer, BigInt, Boolean, DataView, Date, Error, Int8Array, Map, Number, Object, Promise,
  RangeError, RegExp, Set, String, Symbol, TypeError, Uint8Array, URIError, WeakMap, WeakSet,
  Function: { prototype: FunctionPrototype },
};
const lower = (s) => s[0].toLowerCase() + s.slice(1);

function lookup(name) {
  for (let i = name.length; i > 0; i--) {
    const owner = name.slice(0, i);
    if (!(owner in owners)) continue;
    const C = owners[owner];
    const rest = name.slice(i);
    if (rest === '') return C;
    if (rest.startsWith('Prototype')) {
      const key = rest.slice(9);
      const proto = C.prototype;
      if (key === '') return proto;
      if (key.startsWith('Get')) {
        const d = Object.getOwnPropertyDescriptor(proto, lower(key.slice(3)));
        if (d && d.get) return uncurryThis(d.get);
      }
      if (key.startsWith('Symbol')) return uncurryThis(proto[Symbol[lower(key.slice(6))]]);
      const m = proto[lower(key)];
      if (typeof m === 'function') return uncurryThis(m);
      continue;
    }
    if (rest.startsWith('Symbol') && C === Symbol) return Symbol[lower(rest.slice(6))];
    const v = C[lower(rest)];
    if (v !== undefined) return v;
  }
  throw new TypeError('primordial ' + name + ' is not provided');
}

const cache = Object.create(null);
module.exports = new Proxy(cache, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (!(name in target)) target[name] = lookup(name);
    return target[name];
  },
});
