// cases.js: the built-ins' edge cases. Each is an async function whose
// result (or thrown error's name) gen.js records from Node 24 into
// expected.json; cases_test.go runs the same source under goja.
'use strict';
module.exports = {
  // ---- property shapes: name, length, descriptors ----
  'shape/functions': async () => {
    const fns = {
      'Object.groupBy': Object.groupBy, 'Map.groupBy': Map.groupBy, 'Promise.withResolvers': Promise.withResolvers,
      'Promise.try': Promise.try, 'Array.fromAsync': Array.fromAsync, Iterator, 'Iterator.from': Iterator.from,
      'RegExp.escape': RegExp.escape, 'Math.f16round': Math.f16round, 'Error.captureStackTrace': Error.captureStackTrace,
      WeakRef, FinalizationRegistry, SuppressedError, DisposableStack, AsyncDisposableStack,
      isWellFormed: String.prototype.isWellFormed, toWellFormed: String.prototype.toWellFormed,
      getFloat16: DataView.prototype.getFloat16, setFloat16: DataView.prototype.setFloat16,
      transfer: ArrayBuffer.prototype.transfer, transferToFixedLength: ArrayBuffer.prototype.transferToFixedLength,
      resize: ArrayBuffer.prototype.resize, deref: WeakRef.prototype.deref,
      register: FinalizationRegistry.prototype.register, unregister: FinalizationRegistry.prototype.unregister,
      __defineGetter__: Object.prototype.__defineGetter__, __lookupSetter__: Object.prototype.__lookupSetter__,
      getYear: Date.prototype.getYear, setYear: Date.prototype.setYear,
    };
    for (const m of ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find']) fns[m] = Iterator.prototype[m];
    for (const m of ['adopt', 'defer', 'dispose', 'move', 'use']) fns['DS.' + m] = DisposableStack.prototype[m];
    for (const m of ['adopt', 'defer', 'disposeAsync', 'move', 'use']) fns['ADS.' + m] = AsyncDisposableStack.prototype[m];
    return Object.entries(fns).map(([k, f]) => k + ':' + f.name + '/' + f.length);
  },
  'shape/descriptors': async () => {
    const d = (o, k) => {
      const x = Object.getOwnPropertyDescriptor(o, k);
      if (!x) return 'missing';
      return ('value' in x ? 'data' : 'accessor') + (x.writable ? ' w' : '') + (x.enumerable ? ' e' : '') + (x.configurable ? ' c' : '');
    };
    return [
      d(globalThis, 'Iterator'), d(globalThis, 'WeakRef'), d(globalThis, 'FinalizationRegistry'), d(globalThis, 'SuppressedError'),
      d(globalThis, 'DisposableStack'), d(Object, 'groupBy'), d(Iterator, 'prototype'), d(Iterator.prototype, 'constructor'),
      d(Iterator.prototype, Symbol.toStringTag), d(Iterator.prototype, Symbol.iterator), d(Iterator.prototype, Symbol.dispose),
      d(Iterator.prototype, 'map'), d(WeakRef, 'prototype'), d(WeakRef.prototype, Symbol.toStringTag), d(WeakRef.prototype, 'constructor'),
      d(Symbol, 'asyncIterator'), d(Symbol, 'dispose'), d(Symbol, 'asyncDispose'), d(ArrayBuffer.prototype, 'detached'),
      d(ArrayBuffer.prototype, 'resizable'), d(ArrayBuffer.prototype, 'maxByteLength'), d(Error, 'stackTraceLimit'),
      d(DisposableStack.prototype, 'disposed'), d(DisposableStack.prototype, Symbol.toStringTag), d(SuppressedError.prototype, 'name'),
      d(SuppressedError.prototype, 'message'), d(Date.prototype, 'toGMTString'),
    ];
  },
  'shape/accessor-names': async () => {
    const g = (o, k) => Object.getOwnPropertyDescriptor(o, k).get.name;
    const s = (o, k) => Object.getOwnPropertyDescriptor(o, k).set;
    return [g(Iterator.prototype, 'constructor'), g(Iterator.prototype, Symbol.toStringTag), s(Iterator.prototype, 'constructor').name,
      g(ArrayBuffer.prototype, 'detached'), g(DisposableStack.prototype, 'disposed'), Iterator.prototype[Symbol.dispose].name,
      DisposableStack.prototype[Symbol.dispose] === DisposableStack.prototype.dispose,
      AsyncDisposableStack.prototype[Symbol.asyncDispose] === AsyncDisposableStack.prototype.disposeAsync,
      Date.prototype.toGMTString === Date.prototype.toUTCString];
  },
  'shape/prototypes-first-reached-through-descriptors': async () => {
    const P = Object.getOwnPropertyDescriptor(DisposableStack, 'prototype').value;
    const A = Reflect.getOwnPropertyDescriptor(AsyncDisposableStack, 'prototype').value;
    const W = Reflect.get(WeakRef, 'prototype');
    class X extends FinalizationRegistry {}
    const F = Object.getPrototypeOf(X.prototype);
    Object.defineProperty(WeakRef, 'extra', { get() { return 1; }, configurable: true });
    const d = Object.getOwnPropertyDescriptor(WeakRef, 'extra');
    const n = Object.getOwnPropertyDescriptor(WeakRef, 'name');
    return [Object.getOwnPropertyNames(P), Object.getOwnPropertySymbols(P).map(String), Object.getOwnPropertyNames(A), Object.getOwnPropertyNames(W),
      Object.getOwnPropertyNames(F), typeof d.get, d.set, d.enumerable, d.configurable, n.value, n.writable, n.configurable,
      Object.getOwnPropertyNames(WeakRef), Object.getOwnPropertyDescriptor(WeakRef, 'nope'), 'prototype' in WeakRef];
  },
  'shape/symbols': async () => [String(Symbol.asyncIterator), Symbol.dispose.description, String(Symbol.asyncDispose),
    Symbol.for('Symbol.dispose') === Symbol.dispose, Symbol.keyFor(Symbol.asyncIterator)],
  'shape/not-constructors': async () => {
    const r = [];
    for (const f of [Object.groupBy, Promise.withResolvers, Iterator.from, Iterator.prototype.map, RegExp.escape, WeakRef.prototype.deref]) {
      try { new f(); r.push('constructed'); } catch (e) { r.push(e.name); }
    }
    return r;
  },

  // ---- Object.groupBy / Map.groupBy ----
  'groupBy/object-basic': async () => Object.groupBy([1, 2, 3, 4, 5, 6], (n) => (n % 2 ? 'odd' : 'even')),
  'groupBy/object-null-proto': async () => {
    const g = Object.groupBy(['a'], () => 'toString');
    return [Object.getPrototypeOf(g), typeof g.toString, Array.isArray(g.toString), Object.getOwnPropertyDescriptor(g, 'toString').enumerable];
  },
  'groupBy/object-keys-coerced': async () => {
    const g = Object.groupBy([1, 2, 3, 4], (n) => [null, undefined, -0, { toString: () => 'obj' }][n - 1]);
    return Reflect.ownKeys(g);
  },
  'groupBy/object-symbol-keys': async () => {
    const s = Symbol('s');
    const g = Object.groupBy([1, 2, 3], (n) => (n === 2 ? s : 'x'));
    return [Reflect.ownKeys(g).map(String), g[s]];
  },
  'groupBy/object-integer-key-order': async () => Object.keys(Object.groupBy(['b', 'a', 10, 2, 'c'], (x) => x)),
  'groupBy/callback-args': async () => {
    const seen = [];
    Object.groupBy(new Set(['x', 'y']), function (v, i) { seen.push([v, i, this === undefined, arguments.length]); return 'k'; });
    return seen;
  },
  'groupBy/map-basic': async () => Map.groupBy([{ s: 'a', v: 1 }, { s: 'b', v: 2 }, { s: 'a', v: 3 }], (o) => o.s),
  'groupBy/map-object-keys': async () => {
    const k1 = {}, k2 = {};
    const m = Map.groupBy([1, 2, 3, 4], (n) => (n % 2 ? k1 : k2));
    return [m.size, m.get(k1), m.get(k2), [...m.keys()][0] === k1];
  },
  'groupBy/map-negative-zero': async () => {
    const m = Map.groupBy([1, 2, 3], (n) => (n === 1 ? -0 : n === 2 ? 0 : NaN));
    return [[...m.keys()], Object.is([...m.keys()][0], 0), m.get(NaN)];
  },
  'groupBy/strings-iterated-by-code-point': async () => Object.groupBy('a😀b', (c) => c.length),
  'groupBy/errors': async () => {
    const r = [];
    for (const f of [() => Object.groupBy(null, (x) => x), () => Object.groupBy([], 1), () => Object.groupBy({}, (x) => x),
      () => Map.groupBy(undefined, (x) => x), () => Map.groupBy([1], null), () => Object.groupBy(1, (x) => x)]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'groupBy/closes-iterator-on-callback-throw': async () => {
    const log = [];
    const it = { [Symbol.iterator]() { return this; }, i: 0, next() { log.push('next'); return { value: this.i++, done: false }; }, return() { log.push('return'); return {}; } };
    try { Object.groupBy(it, (v) => { if (v === 2) throw new RangeError('stop'); return 'k'; }); } catch (e) { log.push(e.name); }
    return log;
  },
  'groupBy/closes-iterator-on-key-coercion-throw': async () => {
    const log = [];
    const it = { [Symbol.iterator]() { return this; }, next() { return { value: 1, done: false }; }, return() { log.push('return'); return {}; } };
    try { Object.groupBy(it, () => ({ toString() { throw new SyntaxError('k'); } })); } catch (e) { log.push(e.name); }
    return log;
  },
  'groupBy/next-throw-does-not-close': async () => {
    const log = [];
    const it = { [Symbol.iterator]() { return this; }, next() { throw new EvalError('n'); }, return() { log.push('return'); return {}; } };
    try { Map.groupBy(it, () => 1); } catch (e) { log.push(e.name); }
    return log;
  },
  'groupBy/key-coerced-once': async () => {
    let calls = 0;
    const g = Object.groupBy([1, 2], () => ({ toString() { calls++; return 'k'; } }));
    return [calls, g.k];
  },
  'groupBy/hijack-proof': async () => {
    const set = Map.prototype.set, get = Map.prototype.get;
    Map.prototype.set = () => { throw new Error('hijacked'); };
    Map.prototype.get = () => { throw new Error('hijacked'); };
    Object.defineProperty(Array.prototype, '0', { set() { throw new Error('hijacked'); }, configurable: true });
    try {
      const a = Object.groupBy([1, 2], (x) => x);
      const b = Map.groupBy([1, 1], (x) => x);
      return [a['1'], b.size];
    } finally {
      Map.prototype.set = set; Map.prototype.get = get; delete Array.prototype[0];
    }
  },

  'hijack/object-prototype-fields': async () => {
    // descriptor fields, thenables and array index setters inherited from
    // the prototypes must not reach the built-ins' own bookkeeping
    Object.defineProperty(Array.prototype, '1', { set() { throw new Error('hijacked'); }, configurable: true });
    const names = ['get', 'set', 'value', 'writable', 'then'];
    for (const n of names) Object.defineProperty(Object.prototype, n, { __proto__: null, value: undefined, writable: true, configurable: true });
    Object.prototype.get = function () { return 'hijacked'; };
    try {
      const o = {};
      o.__defineGetter__('x', () => 1);
      const r = [Object.groupBy([1, 2, 3], (x) => 'k').k.length, [1, 2, 3].values().toArray().length, o.x];
      delete Object.prototype.then;
      r.push((await Array.fromAsync({ [Symbol.asyncIterator]() { let i = 0; return { next: async () => ({ value: i, done: i++ > 2 }) }; } })).length);
      const s = new DisposableStack();
      s.defer(() => r.push('deferred'));
      s.defer(() => r.push('deferred 2'));
      s.dispose();
      return r;
    } finally {
      for (const n of names) delete Object.prototype[n];
      delete Array.prototype[1];
    }
  },

  // ---- Promise.withResolvers / Promise.try ----
  'promise/withResolvers-basic': async () => {
    const { promise, resolve, reject } = Promise.withResolvers();
    Promise.resolve().then(() => resolve(42));
    return [await promise, typeof reject, promise instanceof Promise];
  },
  'promise/withResolvers-shape': async () => {
    const r = Promise.withResolvers();
    return [Object.keys(r), Object.getPrototypeOf(r) === Object.prototype, r.resolve.length, r.reject.length];
  },
  'promise/withResolvers-reject': async () => {
    const { promise, reject } = Promise.withResolvers();
    reject(new TypeError('nope'));
    try { await promise; } catch (e) { return e.message; }
  },
  'promise/withResolvers-subclass': async () => {
    class P extends Promise {}
    const r = Promise.withResolvers.call(P);
    r.resolve(1);
    return [r.promise instanceof P, await r.promise];
  },
  'promise/withResolvers-custom-constructor': async () => {
    const log = [];
    function C(executor) { log.push('C'); executor((v) => log.push('res ' + v), (e) => log.push('rej ' + e)); }
    const r = Promise.withResolvers.call(C);
    r.resolve(7);
    r.reject(8);
    return [log, r.promise instanceof C];
  },
  'promise/withResolvers-errors': async () => {
    const r = [];
    for (const t of [undefined, 1, {}, () => {}, Math.max]) {
      try { Promise.withResolvers.call(t); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    try { Promise.withResolvers.call(function (ex) { ex(1, 2); ex(3, 4); }); } catch (e) { r.push(e.name); }
    try { Promise.withResolvers.call(function (ex) { ex(1, 2); }); } catch (e) { r.push(e.name); }
    return r;
  },
  'promise/try-sync-value': async () => [await Promise.try(() => 5), await Promise.try((a, b) => a + b, 2, 3)],
  'promise/try-sync-throw-rejects': async () => {
    const p = Promise.try(() => { throw new RangeError('bad'); });
    try { await p; } catch (e) { return [p instanceof Promise, e.name, e.message]; }
  },
  'promise/try-async-fn': async () => Promise.try(async (x) => x * 2, 21),
  'promise/try-runs-synchronously': async () => {
    const log = [];
    const p = Promise.try(() => log.push('inside'));
    log.push('after');
    await p;
    return log;
  },
  'promise/try-non-callable-rejects': async () => {
    const p = Promise.try(42);
    try { await p; return 'resolved'; } catch (e) { return e.name; }
  },
  'promise/try-this-checks': async () => {
    const r = [];
    for (const t of [undefined, 1, {}]) {
      try { Promise.try.call(t, () => 1); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    class P extends Promise {}
    r.push(P.try(() => 1) instanceof P);
    return r;
  },

  // ---- Array.fromAsync ----
  'fromAsync/async-iterable': async () => {
    const src = { [Symbol.asyncIterator]() { let i = 0; return { next: () => Promise.resolve(i < 3 ? { value: i++ * 10, done: false } : { done: true }) }; } };
    return Array.fromAsync(src);
  },
  'fromAsync/sync-iterable-of-promises': async () => Array.fromAsync([Promise.resolve(1), 2, new Promise((r) => Promise.resolve().then(() => r(3)))]),
  'fromAsync/array-like': async () => Array.fromAsync({ length: 3, 0: 'a', 1: Promise.resolve('b'), 2: 'c' }),
  'fromAsync/mapfn-and-this': async () => Array.fromAsync([1, 2, 3], function (x, i) { return Promise.resolve(x * this.k + i); }, { k: 10 }),
  'fromAsync/mapfn-not-callable-rejects': async () => {
    const p = Array.fromAsync([1], 5);
    try { await p; return 'ok'; } catch (e) { return [p instanceof Promise, e.name]; }
  },
  'fromAsync/null-rejects': async () => {
    const r = [];
    for (const v of [null, undefined]) {
      try { await Array.fromAsync(v); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'fromAsync/string-and-number': async () => [await Array.fromAsync('héllo'), await Array.fromAsync(5)],
  'fromAsync/this-constructor': async () => {
    function C(...args) { this.args = args; }
    const a = await Array.fromAsync.call(C, [1, 2]);
    const b = await Array.fromAsync.call(C, { length: 2, 0: 'x', 1: 'y' });
    return [a instanceof C, a.args, a.length, a[1], b.args, b.length];
  },
  'fromAsync/this-not-constructor': async () => {
    const a = await Array.fromAsync.call({}, [1, 2]);
    return [Array.isArray(a), a];
  },
  'fromAsync/closes-async-iterator-on-map-throw': async () => {
    const log = [];
    const src = { [Symbol.asyncIterator]() { return { next: async () => ({ value: 1, done: false }), return: async () => { log.push('return'); return {}; } }; } };
    try { await Array.fromAsync(src, () => { throw new URIError('m'); }); } catch (e) { log.push(e.name); }
    return log;
  },
  'fromAsync/closes-sync-iterator-on-map-reject': async () => {
    const log = [];
    const src = { [Symbol.iterator]() { return { next: () => ({ value: 1, done: false }), return: () => { log.push('return'); return {}; } }; } };
    try { await Array.fromAsync(src, async () => { throw new URIError('m'); }); } catch (e) { log.push(e.name); }
    return log;
  },
  'fromAsync/non-object-result': async () => {
    const src = { [Symbol.asyncIterator]() { return { next: async () => 1 }; } };
    try { await Array.fromAsync(src); } catch (e) { return e.name; }
  },
  'fromAsync/async-iterator-values-not-awaited': async () => {
    const p = Promise.resolve(1);
    const src = { [Symbol.asyncIterator]() { let done = false; return { next: async () => (done ? { done } : ((done = true), { value: p, done: false })) }; } };
    const a = await Array.fromAsync(src);
    return a[0] === p;
  },
  'fromAsync/prefers-async-iterator': async () => {
    const src = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => (i++ ? { done: true } : { value: 'async', done: false }) }; }, [Symbol.iterator]() { return ['sync'][Symbol.iterator](); } };
    return Array.fromAsync(src);
  },
  'fromAsync/order-of-evaluation': async () => {
    const log = [];
    const src = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => { log.push('next ' + i); return i < 2 ? { value: i++, done: false } : { done: true }; } }; } };
    const r = await Array.fromAsync(src, async (x) => { log.push('map ' + x); return x; });
    return [r, log];
  },

  // ---- Iterator ----
  'iterator/abstract': async () => {
    const r = [];
    try { new Iterator(); } catch (e) { r.push(e.name); }
    try { Iterator(); } catch (e) { r.push(e.name); }
    class MyIt extends Iterator { next() { return { done: true }; } }
    const m = new MyIt();
    r.push(m instanceof Iterator, typeof m.map, m.toArray().length, Object.prototype.toString.call(m));
    return r;
  },
  'iterator/prototype-identity': async () => {
    const IP = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    const gen = (function* () {})();
    return [Iterator.prototype === IP, gen instanceof Iterator, new Map().entries() instanceof Iterator, 'ab'[Symbol.iterator]() instanceof Iterator,
      /a/g[Symbol.matchAll]('aa') instanceof Iterator, new Set().values() instanceof Iterator, Iterator.prototype.constructor === Iterator,
      Iterator.prototype[Symbol.toStringTag], Object.prototype.toString.call([].values())];
  },
  'iterator/helpers-on-builtins': async () => {
    const m = new Map([['a', 1], ['b', 2], ['c', 3]]);
    return [
      m.entries().filter(([, v]) => v > 1).map(([k]) => k).toArray(),
      new Set([1, 2, 3]).values().reduce((a, b) => a + b),
      'abc'[Symbol.iterator]().map((c) => c.toUpperCase()).toArray(),
      [...'x1y2'.matchAll(/\d/g).map((m) => m[0])],
      (function* () { yield 1; yield 2; yield 3; })().drop(1).toArray(),
    ];
  },
  'iterator/map-filter-counters': async () => {
    const seen = [];
    const r = [10, 20, 30].values().map((v, i) => (seen.push(['m', v, i]), v + i)).filter((v, i) => (seen.push(['f', v, i]), v !== 21)).toArray();
    return [r, seen];
  },
  'iterator/take-drop': async () => {
    const nat = function* () { for (let i = 0; ; i++) yield i; };
    return [nat().take(3).toArray(), nat().drop(5).take(2).toArray(), nat().take(0).toArray(), [1, 2].values().take(Infinity).toArray(),
      [1, 2, 3].values().drop(Infinity).toArray(), nat().take(2.9).toArray(), nat().take('2').toArray()];
  },
  'iterator/take-limit-errors': async () => {
    const r = [];
    const log = [];
    const it = { __proto__: Iterator.prototype, next() { log.push('next'); return { done: true }; }, return() { log.push('return'); return {}; } };
    for (const lim of [-1, NaN, undefined, 'x', -0.5, -Infinity]) {
      try { it.take(lim); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    try { it.drop(-1); } catch (e) { r.push(e.name); }
    try { it.take(1n); } catch (e) { r.push(e.name); }
    try { it.take({ valueOf() { throw new EvalError(); } }); } catch (e) { r.push(e.name); }
    return [r, log];
  },
  'iterator/validation-order': async () => {
    const log = [];
    const it = { __proto__: Iterator.prototype, get next() { log.push('get next'); return () => ({ done: true }); }, return() { log.push('return'); return {}; } };
    const r = [];
    for (const m of ['map', 'filter', 'flatMap', 'forEach', 'some', 'every', 'find', 'reduce']) {
      try { it[m](1); r.push('ok'); } catch (e) { r.push(m + ':' + e.name); }
    }
    for (const m of ['map', 'toArray']) {
      try { Iterator.prototype[m].call(1, () => 1); } catch (e) { r.push(m + ':' + e.name); }
    }
    return [r, log];
  },
  'iterator/lazy': async () => {
    const log = [];
    const it = [1, 2, 3].values().map((x) => (log.push(x), x));
    log.push('created');
    it.next();
    return log;
  },
  'iterator/return-closes-underlying': async () => {
    const log = [];
    const src = { __proto__: Iterator.prototype, i: 0, next() { return { value: this.i++, done: false }; }, return() { log.push('return'); return {}; } };
    const h = src.map((x) => x * 2);
    log.push(JSON.stringify(h.next()));
    log.push(JSON.stringify(h.return()));
    log.push(JSON.stringify(h.next()));
    log.push(JSON.stringify(h.return()));
    const h2 = src.filter(() => true);
    log.push(JSON.stringify(h2.return()));
    return log;
  },
  'iterator/take-closes-when-exhausted': async () => {
    const log = [];
    const src = { __proto__: Iterator.prototype, next() { log.push('next'); return { value: 1, done: false }; }, return() { log.push('return'); return {}; } };
    const r = src.take(2).toArray();
    return [r, log];
  },
  'iterator/for-of-break-closes': async () => {
    const log = [];
    function* g() { try { yield 1; yield 2; yield 3; } finally { log.push('cleanup'); } }
    for (const x of g().map((x) => x * 10)) { log.push(x); if (x === 20) break; }
    return log;
  },
  'iterator/callback-throw-closes': async () => {
    const log = [];
    const mk = () => ({ __proto__: Iterator.prototype, next() { return { value: 1, done: false }; }, return() { log.push('return'); return {}; } });
    const r = [];
    for (const m of ['map', 'filter', 'flatMap', 'forEach', 'some', 'every', 'find']) {
      try { const x = mk()[m](() => { throw new EvalError(m); }); if (x && x.next) x.next(); } catch (e) { r.push(e.name); }
    }
    try { mk().reduce(() => { throw new EvalError(); }, 0); } catch (e) { r.push(e.name); }
    return [r, log.length];
  },
  'iterator/return-throw-suppressed-on-callback-throw': async () => {
    const src = { __proto__: Iterator.prototype, next() { return { value: 1, done: false }; }, return() { throw new URIError('from return'); } };
    try { src.map(() => { throw new EvalError('from callback'); }).next(); } catch (e) { return e.name; }
  },
  'iterator/some-every-find-close': async () => {
    const log = [];
    const mk = () => ({ __proto__: Iterator.prototype, i: 0, next() { return { value: this.i++, done: false }; }, return() { log.push('return'); return {}; } });
    return [mk().some((x) => x === 3), mk().every((x) => x < 2), mk().find((x) => x > 4), log];
  },
  'iterator/some-every-find-exhaust': async () => [[1, 2].values().some((x) => x > 5), [1, 2].values().every((x) => x > 0), [1, 2].values().find((x) => x > 5)],
  'iterator/reduce': async () => {
    const r = [];
    r.push([1, 2, 3].values().reduce((a, b, i) => a + b * i));
    r.push([1, 2, 3].values().reduce((a, b) => a + b, 100));
    r.push([].values().reduce((a, b) => a + b, 'init'));
    try { [].values().reduce((a, b) => a + b); } catch (e) { r.push(e.name); }
    const args = [];
    ['a', 'b'].values().reduce((acc, v, i) => (args.push([acc, v, i]), acc + v));
    r.push(args);
    return r;
  },
  'iterator/flatMap': async () => {
    const r = [];
    r.push([1, 2, 3].values().flatMap((x) => [x, x * 10]).toArray());
    r.push(['ab', 'cd'].values().flatMap((s) => new Set(s)).toArray());
    r.push([1].values().flatMap(() => ({ next() { return this.n++ < 2 ? { value: 'it', done: false } : { done: true }; }, n: 0 })).toArray());
    try { [1].values().flatMap((x) => 'str').toArray(); } catch (e) { r.push(e.name); }
    try { [1].values().flatMap((x) => 5).toArray(); } catch (e) { r.push(e.name); }
    r.push([1, 2].values().flatMap((x) => new String('ab')).toArray());
    return r;
  },
  'iterator/flatMap-return-closes-inner-then-outer': async () => {
    const log = [];
    const inner = () => ({ __proto__: Iterator.prototype, next() { return { value: 'i', done: false }; }, return() { log.push('inner return'); return {}; } });
    const outer = { __proto__: Iterator.prototype, next() { return { value: 1, done: false }; }, return() { log.push('outer return'); return {}; } };
    const h = outer.flatMap(inner);
    h.next();
    h.return();
    return log;
  },
  'iterator/forEach-toArray': async () => {
    const seen = [];
    const r = new Map([[1, 'a']]).keys().forEach((v, i) => seen.push([v, i]));
    return [r, seen, [].values().toArray(), Array.isArray(new Set([1]).values().toArray())];
  },
  'iterator/helper-object': async () => {
    const h = [1].values().map((x) => x);
    const HP = Object.getPrototypeOf(h);
    return [Object.getPrototypeOf(HP) === Iterator.prototype, Object.getOwnPropertyNames(HP), HP[Symbol.toStringTag], String(h), h[Symbol.iterator]() === h,
      HP.next.length, HP.return.length, HP.next.name];
  },
  'iterator/helper-brand-checks': async () => {
    const HP = Object.getPrototypeOf([1].values().map((x) => x));
    const r = [];
    for (const t of [{}, [].values(), 1]) {
      try { HP.next.call(t); } catch (e) { r.push(e.name); }
      try { HP.return.call(t); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'iterator/helper-reentrancy': async () => {
    let h;
    h = [1, 2].values().map(() => h.next());
    try { h.next(); } catch (e) { return e.name; }
  },
  'iterator/next-non-object': async () => {
    const it = { __proto__: Iterator.prototype, next() { return 1; } };
    try { it.map((x) => x).next(); } catch (e) { return e.name; }
  },
  'iterator/from': async () => {
    const r = [];
    const plain = { i: 0, next() { return this.i < 2 ? { value: this.i++, done: false } : { done: true }; } };
    const w = Iterator.from(plain);
    r.push(w === plain, w instanceof Iterator, w.map((x) => x + 1).toArray());
    const arrIt = [1].values();
    r.push(Iterator.from(arrIt) === arrIt);
    r.push(Iterator.from([5, 6]).toArray(), Iterator.from('ab').toArray(), Iterator.from(new Set([1])).toArray());
    for (const bad of [1, null, undefined, {}, { [Symbol.iterator]: 1 }]) {
      try { Iterator.from(bad); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    r.push(Iterator.from({ [Symbol.iterator]() { return { next: () => ({ done: true }) }; } }).toArray());
    return r;
  },
  'iterator/from-wrapper': async () => {
    const log = [];
    const w = Iterator.from({ next() { return { value: 1, done: false }; }, return(v) { log.push('return ' + arguments.length); return { value: 'r', done: true }; } });
    const WP = Object.getPrototypeOf(w);
    const r = [Object.getOwnPropertyNames(WP), Object.getPrototypeOf(WP) === Iterator.prototype, w.next(), w.return(1), log];
    const w2 = Iterator.from({ next() { return 5; } });
    r.push(w2.next(), w2.return());
    try { WP.next.call({}); } catch (e) { r.push(e.name); }
    return r;
  },
  'iterator/toStringTag-setter': async () => {
    const r = [];
    const it = Object.create(Iterator.prototype);
    it[Symbol.toStringTag] = 'Mine';
    r.push(Object.prototype.toString.call(it), Object.getOwnPropertyDescriptor(it, Symbol.toStringTag).enumerable);
    try { Iterator.prototype[Symbol.toStringTag] = 'x'; } catch (e) { r.push(e.name); }
    const setter = Object.getOwnPropertyDescriptor(Iterator.prototype, Symbol.toStringTag).set;
    try { setter.call(1, 'x'); } catch (e) { r.push(e.name); }
    r.push(Iterator.prototype[Symbol.toStringTag]);
    const o = Object.create(Iterator.prototype);
    o.constructor = 5;
    r.push(o.constructor, Object.keys(o), Iterator.prototype.constructor === Iterator);
    try { Iterator.prototype.constructor = 1; } catch (e) { r.push(e.name); }
    return r;
  },
  'iterator/dispose': async () => {
    const log = [];
    const it = { __proto__: Iterator.prototype, return() { log.push('return ' + arguments.length); return {}; } };
    const r = [it[Symbol.dispose](), log];
    r.push(Object.create(Iterator.prototype)[Symbol.dispose]());
    return r;
  },
  'iterator/generator-helpers-chain': async () => {
    function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
    return fib().filter((n) => n % 2 === 0).map((n) => n * n).take(5).toArray();
  },
  'iterator/hijack-proof': async () => {
    const saved = Object.getOwnPropertyDescriptor(Object.prototype, 'done');
    const apply = Reflect.apply;
    Reflect.apply = () => { throw new Error('hijacked'); };
    Object.defineProperty(Array.prototype, '0', { set() { throw new Error('hijacked'); }, configurable: true });
    try {
      return [[1, 2, 3].values().map((x) => x * 2).filter((x) => x > 2).toArray(), saved];
    } finally {
      Reflect.apply = apply; delete Array.prototype[0];
    }
  },

  // ---- String ----
  'string/well-formed': async () => {
    const s = ['abc', 'a\uD800', '\uDC00b', '\uD83D\uDE00', '\uDE00\uD83D', ''];
    return [s.map((x) => x.isWellFormed()), s.map((x) => JSON.stringify(x.toWellFormed())), String.prototype.isWellFormed.call(12), String.prototype.toWellFormed.call({ toString: () => 'x\uD800' }).length];
  },
  'string/well-formed-errors': async () => {
    const r = [];
    for (const t of [null, undefined]) {
      try { String.prototype.isWellFormed.call(t); } catch (e) { r.push(e.name); }
      try { String.prototype.toWellFormed.call(t); } catch (e) { r.push(e.name); }
    }
    return r;
  },

  // ---- RegExp.escape ----
  'regexp/escape': async () => ['a.b*c', 'foo', '123abc', ' -=<>', 'hello world', '$^.*+?()[]{}|/\\', '\t\n\v\f\r', '\u00a0\ufeff\u2028\u3000', '😀\uD800', 'ÿ_,#&!%:;@~\'`"', 'Élan', '_x'].map(RegExp.escape),
  'regexp/escape-works-in-regexp': async () => {
    const s = 'price: $5.00 (approx.) [x]';
    return [new RegExp(RegExp.escape(s)).test('the ' + s + '!'), 'a.b.c'.replace(new RegExp(RegExp.escape('.'), 'g'), '-')];
  },
  'regexp/escape-errors': async () => {
    const r = [];
    for (const v of [1, null, undefined, new String('x'), {}]) {
      try { RegExp.escape(v); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    return r;
  },

  // ---- WeakRef / FinalizationRegistry ----
  'weakref/basic': async () => {
    const o = { a: 1 };
    const w = new WeakRef(o);
    const s = Symbol('x');
    return [w.deref() === o, Object.prototype.toString.call(w), new WeakRef(s).deref() === s, w instanceof WeakRef, Object.getPrototypeOf(w) === WeakRef.prototype];
  },
  'weakref/errors': async () => {
    const r = [];
    for (const t of [1, 'x', null, undefined, Symbol.for('reg'), true]) {
      try { new WeakRef(t); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    try { WeakRef({}); } catch (e) { r.push(e.name); }
    try { WeakRef.prototype.deref.call({}); } catch (e) { r.push(e.name); }
    return r;
  },
  'weakref/subclass': async () => {
    class R extends WeakRef { constructor(t) { super(t); this.extra = 1; } get() { return this.deref(); } }
    const o = {};
    const r = new R(o);
    return [r.get() === o, r.extra, r instanceof WeakRef];
  },
  'finreg/api': async () => {
    const fr = new FinalizationRegistry(() => {});
    const o = {}, tok = {};
    const r = [];
    r.push(fr.register(o, 'held'), fr.register(o, 'held', tok), fr.register({}, 'h2', tok), fr.unregister(tok), fr.unregister(tok), fr.unregister({}));
    r.push(fr.register(Symbol('s'), 1, Symbol('t')), Object.prototype.toString.call(fr));
    const st = Symbol('st');
    fr.register({}, 1, st);
    r.push(fr.unregister(st));
    return r;
  },
  'finreg/errors': async () => {
    const fr = new FinalizationRegistry(() => {});
    const o = {};
    const r = [];
    for (const f of [() => new FinalizationRegistry(), () => new FinalizationRegistry({}), () => FinalizationRegistry(() => {}),
      () => fr.register(1, 'h'), () => fr.register(o, o), () => fr.register(o, 1, 1), () => fr.register(o, 1, null),
      () => fr.register(o, 1, Symbol.for('r')), () => fr.unregister(1), () => fr.unregister(undefined),
      () => FinalizationRegistry.prototype.register.call({}, {}), () => FinalizationRegistry.prototype.unregister.call({}, {}),
      () => fr.register(o, 1, undefined)]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return r;
  },

  // ---- Error ----
  'error/captureStackTrace': async () => {
    const o = { name: 'N', message: 'm' };
    Error.captureStackTrace(o);
    const d = Object.getOwnPropertyDescriptor(o, 'stack');
    const r = [typeof o.stack, o.stack.split('\n')[0], d.enumerable, d.configurable, Object.keys(o)];
    class MyError extends Error {
      constructor(msg) { super(msg); this.name = 'MyError'; Error.captureStackTrace(this, MyError); }
    }
    const e = new MyError('boom');
    r.push(e.stack.split('\n')[0], e instanceof MyError, e.message);
    const p = {};
    Error.captureStackTrace(p);
    r.push(p.stack.split('\n')[0]);
    return r;
  },
  'error/captureStackTrace-errors': async () => {
    const r = [];
    for (const t of [1, null, undefined, 'x']) {
      try { Error.captureStackTrace(t); r.push('ok'); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'error/captureStackTrace-limit': async () => {
    const r = [];
    Error.stackTraceLimit = 0;
    const a = { message: 'm' };
    Error.captureStackTrace(a);
    r.push(JSON.stringify(a.stack));
    Error.stackTraceLimit = 'x';
    const b = {};
    Error.captureStackTrace(b);
    r.push('stack' in b, b.stack);
    Error.stackTraceLimit = 10;
    function inner() { const c = {}; Error.captureStackTrace(c, Math.max); return c.stack; }
    r.push(JSON.stringify(inner()));
    return r;
  },
  'error/stackTraceLimit': async () => [Error.stackTraceLimit, typeof Error.captureStackTrace],
  'error/suppressed': async () => {
    const e = new SuppressedError(new TypeError('t'), new RangeError('r'), 'msg');
    const f = SuppressedError(1, 2);
    const r = [e.name, e.message, e.error.name, e.suppressed.name, e instanceof Error, e instanceof SuppressedError, Object.keys(e),
      Object.getOwnPropertyNames(e).filter((k) => k !== 'stack').sort(), String(e), f.message, Object.getPrototypeOf(SuppressedError) === Error,
      Object.hasOwn(f, 'message'), Object.prototype.toString.call(e)];
    class S extends SuppressedError {}
    r.push(new S(1, 2, 3) instanceof S, new S(1, 2, 3).message);
    return r;
  },

  // ---- ArrayBuffer ----
  'arraybuffer/transfer': async () => {
    const ab = new ArrayBuffer(8);
    new Uint8Array(ab).set([1, 2, 3, 4, 5, 6, 7, 8]);
    const t = ab.transfer();
    const r = [ab.detached, ab.byteLength, t.byteLength, t.detached, [...new Uint8Array(t)]];
    const shrunk = t.transfer(3);
    r.push([...new Uint8Array(shrunk)], t.detached);
    const grown = shrunk.transferToFixedLength(5);
    r.push([...new Uint8Array(grown)], grown.resizable, grown.maxByteLength);
    return r;
  },
  'arraybuffer/transfer-errors': async () => {
    const ab = new ArrayBuffer(4);
    ab.transfer();
    const r = [];
    for (const f of [() => ab.transfer(), () => ab.transferToFixedLength(), () => new ArrayBuffer(1).transfer(-1), () => ArrayBuffer.prototype.transfer.call({}),
      () => new ArrayBuffer(2).resize(1), () => new ArrayBuffer(2).transfer('2').byteLength, () => ab.maxByteLength, () => ab.detached,
      () => Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached').get.call(1)]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'arraybuffer/detached-views': async () => {
    const ab = new ArrayBuffer(4);
    const u = new Uint8Array(ab);
    ab.transfer();
    const r = [u.length, u.byteLength];
    try { u.fill(1); r.push('ok'); } catch (e) { r.push(e.name); }
    return r;
  },
  'arraybuffer/fixed-length': async () => {
    const ab = new ArrayBuffer(6);
    return [ab.resizable, ab.maxByteLength, ab.detached];
  },

  // ---- Math.f16round / DataView float16 ----
  'float16/f16round': async () => [1.337, 65504, 65519.99, 65520, 1e6, 5.960464477539063e-8, 2.9802322387695312e-8, 2.9802322387695315e-8, 1e-8, -0, NaN, -Infinity,
    0.1, 1 / 3, 2049, 2051, -2051, 6.103515625e-5, 6.1e-5, 1.0009765625, 1.00048828125, 1.00146484375, '3', null, undefined].map(Math.f16round),
  'float16/dataview': async () => {
    const dv = new DataView(new ArrayBuffer(8));
    const r = [];
    dv.setFloat16(0, 1.5);
    r.push(dv.getUint16(0), dv.getFloat16(0), dv.getFloat16(0, true));
    dv.setFloat16(2, -65504, true);
    r.push(dv.getUint16(2, true), dv.getFloat16(2, true));
    dv.setFloat16(4, NaN);
    r.push(dv.getFloat16(4));
    dv.setFloat16(6, 1e-7);
    r.push(dv.getUint16(6), dv.getFloat16(6));
    dv.setUint16(0, 0x7c01);
    r.push(dv.getFloat16(0));
    dv.setUint16(0, 0xfc00);
    r.push(dv.getFloat16(0));
    return r;
  },
  'float16/dataview-errors': async () => {
    const dv = new DataView(new ArrayBuffer(2));
    const r = [];
    const log = [];
    for (const f of [() => dv.getFloat16(1), () => dv.setFloat16(1, 0), () => dv.getFloat16(-1), () => DataView.prototype.getFloat16.call({}, 0),
      () => dv.setFloat16({ valueOf() { log.push('index'); return 5; } }, { valueOf() { log.push('value'); return 1; } })]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return [r, log];
  },

  // ---- Annex B ----
  'annexb/define-lookup': async () => {
    const o = {};
    o.__defineGetter__('x', () => 42);
    let stored;
    o.__defineSetter__('y', (v) => { stored = v; });
    o.y = 5;
    const child = Object.create(o);
    const d = Object.getOwnPropertyDescriptor(o, 'x');
    return [o.x, stored, d.enumerable, d.configurable, typeof child.__lookupGetter__('x'), child.__lookupSetter__('x'), typeof o.__lookupSetter__('y'),
      ({ a: 1 }).__lookupGetter__('a'), ({}).__lookupGetter__('nope')];
  },
  'annexb/define-errors': async () => {
    const r = [];
    for (const f of [() => ({}).__defineGetter__('x', 1), () => Object.prototype.__defineGetter__.call(null, 'x', () => 1),
      () => Object.freeze({}).__defineGetter__('x', () => 1), () => Object.prototype.__lookupGetter__.call(undefined, 'x')]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'annexb/lookup-ignores-prototype-fields': async () => {
    Object.defineProperty(Object.prototype, 'get', { value: () => 'hijacked', configurable: true, writable: true });
    try {
      return [({ a: 1 }).__lookupGetter__('a')];
    } finally {
      delete Object.prototype.get;
    }
  },
  'annexb/date-year': async () => {
    const d = new Date(Date.UTC(2024, 5, 15, 12));
    const r = [d.getYear()];
    r.push(d.setYear(99), d.getUTCFullYear(), d.setYear(2001), d.getUTCFullYear(), d.setYear(-5), d.getUTCFullYear());
    const inv = new Date(NaN);
    r.push(inv.getYear(), inv.setYear(1999), inv.toISOString());
    r.push(d.setYear(NaN), new Date(0).toGMTString());
    try { Date.prototype.getYear.call({}); } catch (e) { r.push(e.name); }
    return r;
  },

  // ---- DisposableStack / AsyncDisposableStack ----
  'dispose/stack-order': async () => {
    const log = [];
    const s = new DisposableStack();
    s.use({ [Symbol.dispose]() { log.push('a ' + arguments.length); } });
    s.defer(() => log.push('deferred'));
    const v = s.adopt('res', (x) => log.push('adopt ' + x));
    s.use(null);
    s.use(undefined);
    log.push(v, s.disposed);
    s.dispose();
    log.push(s.disposed, s.dispose());
    return log;
  },
  'dispose/errors-chain': async () => {
    const s = new DisposableStack();
    s.defer(() => { throw new TypeError('first'); });
    s.defer(() => { throw new RangeError('second'); });
    s.defer(() => {});
    try { s.dispose(); } catch (e) { return [e.name, e.error.name, e.suppressed.name, e.error.message, e.suppressed.message]; }
  },
  'dispose/state-errors': async () => {
    const s = new DisposableStack();
    s.dispose();
    const r = [];
    for (const f of [() => s.use({}), () => s.defer(() => {}), () => s.adopt(1, () => {}), () => s.move(), () => new DisposableStack().use(1),
      () => new DisposableStack().use({}), () => new DisposableStack().defer(1), () => DisposableStack(), () => DisposableStack.prototype.dispose.call({}),
      () => Object.getOwnPropertyDescriptor(DisposableStack.prototype, 'disposed').get.call({})]) {
      try { r.push(f()); } catch (e) { r.push(e.name); }
    }
    return r;
  },
  'dispose/move': async () => {
    const log = [];
    class S extends DisposableStack {}
    const a = new S();
    a.defer(() => log.push('moved'));
    const b = a.move();
    log.push(a.disposed, b.disposed, b instanceof S, b instanceof DisposableStack);
    a.dispose();
    b.dispose();
    return log;
  },
  'dispose/async-stack': async () => {
    const log = [];
    const s = new AsyncDisposableStack();
    s.use({ async [Symbol.asyncDispose]() { await null; log.push('async'); } });
    s.use({ [Symbol.dispose]() { log.push('sync'); return 'ignored'; } });
    s.defer(async () => log.push('deferred'));
    s.adopt(1, async (v) => log.push('adopt ' + v));
    s.use(null);
    const p = s.disposeAsync();
    log.push('called', p instanceof Promise);
    log.push(await p, s.disposed, await s.disposeAsync());
    return log;
  },
  'dispose/async-errors': async () => {
    const s = new AsyncDisposableStack();
    s.defer(async () => { throw new TypeError('a'); });
    s.defer(() => { throw new RangeError('b'); });
    const r = [];
    try { await s.disposeAsync(); } catch (e) { r.push(e.name, e.error.name, e.suppressed.name); }
    try { await AsyncDisposableStack.prototype.disposeAsync.call({}); } catch (e) { r.push(e.name); }
    try { new AsyncDisposableStack().use({}); } catch (e) { r.push(e.name); }
    r.push(Object.prototype.toString.call(new AsyncDisposableStack()));
    return r;
  },
  'dispose/iterator-with-stack': async () => {
    const log = [];
    function* g() { try { yield 1; yield 2; } finally { log.push('gen closed'); } }
    const s = new DisposableStack();
    const it = s.use(g());
    log.push(it.next().value);
    s.dispose();
    log.push(JSON.stringify(it.next()));
    return log;
  },
};
