// inventory.js: the own property names of the global object and of every
// built-in constructor, prototype and namespace object, as
// { "Path": ["name", "@@symbol", ...] }. Run by Node (gen.js) and by goja
// (inventory_test.go) to list what goja lacks.
(function () {
  const g = globalThis;
  const out = {};
  const keyName = (k) => (typeof k === 'symbol' ? '@@' + String(k).slice(14, -1) : k);
  const list = (path, o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function')) return;
    out[path] = Reflect.ownKeys(o).map(keyName).sort();
  };
  list('globalThis', g);
  const ctors = ['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'Promise',
    'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'RegExp', 'Date', 'Error',
    'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
    'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Proxy', 'Iterator', 'SuppressedError', 'DisposableStack', 'AsyncDisposableStack',
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  for (const c of ctors) {
    const C = g[c];
    if (typeof C !== 'function') continue;
    list(c, C);
    if (C.prototype) list(c + '.prototype', C.prototype);
  }
  for (const ns of ['Math', 'JSON', 'Reflect', 'Atomics']) list(ns, g[ns]);
  const TA = Object.getPrototypeOf(Int8Array);
  list('%TypedArray%', TA);
  list('%TypedArray%.prototype', TA.prototype);
  const arrayIter = Object.getPrototypeOf([][Symbol.iterator]());
  list('%ArrayIteratorPrototype%', arrayIter);
  list('%IteratorPrototype%', Object.getPrototypeOf(arrayIter));
  list('%MapIteratorPrototype%', Object.getPrototypeOf(new Map()[Symbol.iterator]()));
  list('%SetIteratorPrototype%', Object.getPrototypeOf(new Set()[Symbol.iterator]()));
  list('%StringIteratorPrototype%', Object.getPrototypeOf(''[Symbol.iterator]()));
  list('%RegExpStringIteratorPrototype%', Object.getPrototypeOf(/a/g[Symbol.matchAll]('')));
  if (typeof Iterator === 'function') {
    list('%IteratorHelperPrototype%', Object.getPrototypeOf([].values().map((x) => x)));
    list('%WrapForValidIteratorPrototype%', Object.getPrototypeOf(Iterator.from({ next() {} })));
  }
  const gen = function* () {};
  list('%GeneratorFunction.prototype%', Object.getPrototypeOf(gen));
  list('%GeneratorPrototype%', Object.getPrototypeOf(gen).prototype);
  list('%AsyncFunction.prototype%', Object.getPrototypeOf(async function () {}));
  return JSON.stringify(out);
})()
