// Node's primordials (lib/internal/per_context/primordials.js), looked up
// on demand from this realm's intrinsics: Node's vendored files destructure
// dozens of them, and building all of Node's thousands when a module loads
// would cost more than the module itself.
//
//   Name              the intrinsic (a constructor, a namespace, a function)
//   NameKey           a static member (Promise's are bound to Promise)
//   NamePrototypeKey  a prototype method, uncurried: (self, ...args)
//   NamePrototypeGetKey, NamePrototypeGetSymbolKey   a getter, uncurried
//   ...Symbol<Name>   the member keyed by Symbol.<name>
//   ...Apply          the method, called with an array of arguments
'use strict';
const ReflectApply = Reflect.apply;
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
// As Node's: call bound to fn, (self, ...args) => fn.call(self, ...args),
// which goja runs several times faster than a rest parameter and apply.
// Function is the bundle's stand-in; its prototype is the real one.
const FunctionPrototypeCall = Function.prototype.call;
const FunctionPrototypeBind = Function.prototype.bind;
const uncurryThis = (fn) => ReflectApply(FunctionPrototypeBind, FunctionPrototypeCall, [fn]);
const applyBind = (fn, self) => (selfOrArgs, args) => (self === undefined ? ReflectApply(fn, selfOrArgs, args) : ReflectApply(fn, self, selfOrArgs));

const TypedArray = getPrototypeOf(Uint8Array);
// Function is the bundle's stand-in (the sandbox has none): it throws when
// called, and its prototype is the real Function.prototype.
const owners = { __proto__: null, TypedArray, Function };
for (const n of ['AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean',
  'DataView', 'Date', 'Error', 'EvalError', 'FinalizationRegistry', 'Float32Array', 'Float64Array', 'Int16Array',
  'Int32Array', 'Int8Array', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError',
  'ReferenceError', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'SyntaxError', 'TypeError', 'URIError',
  'Uint16Array', 'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'WeakMap', 'WeakRef', 'WeakSet']) {
  if (globalThis[n] !== undefined) owners[n] = globalThis[n];
}
// Prototypes that have no constructor of their own: their methods are
// uncurried, as Node's are.
const protoOwners = {
  __proto__: null,
  ArrayIteratorPrototype: getPrototypeOf([][Symbol.iterator]()),
  AsyncFunctionPrototype: getPrototypeOf(async function () {}),
  GeneratorFunctionPrototype: getPrototypeOf(function* () {}),
  MapIteratorPrototype: getPrototypeOf(new Map()[Symbol.iterator]()),
  SetIteratorPrototype: getPrototypeOf(new Set()[Symbol.iterator]()),
  StringIteratorPrototype: getPrototypeOf(''[Symbol.iterator]()),
  RegExpStringIteratorPrototype: getPrototypeOf(/a/[Symbol.matchAll]('')),
};
const lower = (s) => s[0].toLowerCase() + s.slice(1);
const keyOf = (s) => (s.startsWith('Symbol') && s.length > 6 ? Symbol[lower(s.slice(6))] : lower(s));

// member finds key (already split from its owner) on o: a getter, a method
// (uncurried if asked), or a value.
function member(o, key, uncurry, self) {
  if (key.startsWith('Get')) {
    const d = getOwnPropertyDescriptor(o, keyOf(key.slice(3)));
    if (d && d.get) return uncurry ? uncurryThis(d.get) : d.get;
  }
  let apply = false;
  let v = o[keyOf(key)];
  if (v === undefined && key.endsWith('Apply')) {
    v = o[keyOf(key.slice(0, -5))];
    apply = true;
  }
  if (typeof v !== 'function') return v;
  if (apply) return uncurry ? applyBind(v) : applyBind(v, self);
  if (uncurry) return uncurryThis(v);
  return self === Promise ? v.bind(Promise) : v;
}

// Stand-ins for the constructors the sandbox hides: they throw when called,
// and their prototypes are the real ones.
function standIn(name, prototype) {
  const f = {
    [name]() {
      throw new TypeError('dynamic code evaluation is disabled in this sandbox (Function constructor)');
    },
  }[name];
  Object.defineProperty(f, 'prototype', { value: prototype, writable: false });
  return f;
}

class SafeMap extends Map {}
class SafeSet extends Set {}
class SafeWeakMap extends WeakMap {}
class SafeWeakSet extends WeakSet {}
function safeIterator(iterate) {
  return class {
    constructor(v) {
      this._iterator = ReflectApply(iterate, v, []);
    }

    next() {
      return this._iterator.next();
    }

    [Symbol.iterator]() {
      return this;
    }
  };
}

const special = {
  __proto__: null,
  globalThis,
  uncurryThis,
  applyBind,
  decodeURI,
  decodeURIComponent,
  encodeURI,
  encodeURIComponent,
  escape,
  unescape,
  SafeMap,
  SafeSet,
  SafeWeakMap,
  SafeWeakSet,
  SafeArrayIterator: safeIterator(Array.prototype[Symbol.iterator]),
  SafeStringIterator: safeIterator(String.prototype[Symbol.iterator]),
  makeSafe: (unsafe, safe) => safe,
  AsyncFunction: standIn('AsyncFunction', protoOwners.AsyncFunctionPrototype),
  GeneratorFunction: standIn('GeneratorFunction', protoOwners.GeneratorFunctionPrototype),
  internalBinding(name) {
    if (name === 'config') return { hasIntl: false };
    throw new Error(`unknown module: "${name}"`);
  },
};

function lookup(name) {
  if (name in special) return special[name];
  for (let i = name.length; i > 0; i--) {
    const owner = name.slice(0, i);
    const rest = name.slice(i);
    if (owner in protoOwners) return rest === '' ? protoOwners[owner] : member(protoOwners[owner], rest, true);
    if (!(owner in owners)) continue;
    const C = owners[owner];
    if (rest === '') return C;
    if (rest.startsWith('Prototype')) {
      const key = rest.slice(9);
      return key === '' ? C.prototype : member(C.prototype, key, true);
    }
    return member(C, rest, false, C);
  }
  return undefined;
}

const cache = Object.create(null);
module.exports = new Proxy(cache, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (!(name in target)) target[name] = lookup(name);
    return target[name];
  },
});
