// Node's primordials (lib/internal/per_context/primordials.js), built the
// same way from this realm's intrinsics when a module loads: the vendored
// Node files below read only these.
const ReflectApply = Reflect.apply;
const uncurryThis = (fn) => (thisArg, ...args) => ReflectApply(fn, thisArg, args);
const p = Object.create(null);

function name(key) {
  if (typeof key === 'symbol') {
    const d = key.description;
    return 'Symbol' + d[7].toUpperCase() + d.slice(8);
  }
  return key[0].toUpperCase() + key.slice(1);
}

function copy(src, prefix, uncurry) {
  for (const key of Reflect.ownKeys(src)) {
    if (typeof key === 'symbol' && !(key.description || '').startsWith('Symbol.')) continue;
    const desc = Reflect.getOwnPropertyDescriptor(src, key);
    const n = prefix + name(key);
    if ('get' in desc) {
      if (desc.get) p[prefix + 'Get' + name(key)] = uncurry ? uncurryThis(desc.get) : desc.get;
      continue;
    }
    p[n] = uncurry && typeof desc.value === 'function' ? uncurryThis(desc.value) : desc.value;
  }
}

for (const n of ['decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent']) p[n] = globalThis[n];
for (const n of ['JSON', 'Math', 'Reflect']) copy(globalThis[n], n, false);
for (const n of ['Array', 'ArrayBuffer', 'BigInt', 'Boolean', 'DataView', 'Date', 'Error', 'Int8Array', 'Map',
  'Number', 'Object', 'Promise', 'RangeError', 'RegExp', 'Set', 'String', 'Symbol', 'TypeError', 'Uint8Array',
  'URIError', 'WeakMap', 'WeakSet']) {
  const C = globalThis[n];
  p[n] = C;
  copy(C, n, false);
  copy(C.prototype, n + 'Prototype', true);
}
const FunctionPrototype = Object.getPrototypeOf(function () {});
copy(FunctionPrototype, 'FunctionPrototype', true);

module.exports = p;
