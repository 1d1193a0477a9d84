// fromasync.js: Array.fromAsync (ES2026, in Node 24). Compiled on its first
// call; I holds the intrinsics captured before user code ran.
(function (I) {
  'use strict';
  const { apply, construct, defineProperty, TypeError, isConstructor, symIterator, symAsyncIterator } = I;

  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const describe = (v) => (typeof v === 'string' ? '"' + v + '"' : typeof v === 'symbol' || isObject(v) ? typeof v : '' + v);
  const MAX = 9007199254740991; // 2^53 - 1

  const getMethod = (o, key) => {
    const m = o[key];
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'function') throw new TypeError(describe(m) + ' is not a function');
    return m;
  };
  const createDataProperty = (o, k, value) => {
    defineProperty(o, k, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  };

  // AsyncIteratorClose(rec, throw completion): the original error wins.
  const asyncCloseThrow = async (rec, error) => {
    try {
      const ret = getMethod(rec.iterator, 'return');
      if (ret !== undefined) await apply(ret, rec.iterator, []);
    } catch (ignored) {
      // the original throw completion is what propagates
    }
    throw error;
  };
  // IteratorClose(rec, throw completion), for a sync iterator.
  const syncCloseThrow = (iterator, error) => {
    try {
      const ret = getMethod(iterator, 'return');
      if (ret !== undefined) apply(ret, iterator, []);
    } catch (ignored) {
      // the original throw completion is what propagates
    }
    throw error;
  };

  // The next value of an iterator record as an %AsyncFromSyncIteratorPrototype%
  // or an async iterator would give it: {done, value} with value awaited for
  // a sync iterator (closing the sync iterator when that await rejects).
  const nextOf = async (rec) => {
    const result = await apply(rec.next, rec.iterator, []);
    if (!isObject(result)) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
    const done = !!result.done;
    let value = result.value;
    if (rec.sync && !done) {
      try {
        value = await value;
      } catch (e) {
        syncCloseThrow(rec.iterator, e);
      }
    }
    return { __proto__: null, done, value }; // no inherited then: it is awaited
  };

  const fromAsync = async (C, asyncItems, mapfn, thisArg) => {
    const mapping = mapfn !== undefined;
    if (mapping && typeof mapfn !== 'function') throw new TypeError(describe(mapfn) + ' is not a function');
    if (asyncItems === undefined || asyncItems === null) throw new TypeError(describe(asyncItems) + ' is not iterable');
    let rec;
    const usingAsync = getMethod(asyncItems, symAsyncIterator);
    if (usingAsync !== undefined) {
      const iterator = apply(usingAsync, asyncItems, []);
      if (!isObject(iterator)) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
      rec = { iterator, next: iterator.next, sync: false };
    } else {
      const usingSync = getMethod(asyncItems, symIterator);
      if (usingSync !== undefined) {
        const iterator = apply(usingSync, asyncItems, []);
        if (!isObject(iterator)) throw new TypeError('Result of the Symbol.iterator method is not an object');
        rec = { iterator, next: iterator.next, sync: true };
      }
    }
    if (rec !== undefined) {
      const A = isConstructor(C) ? construct(C, []) : [];
      for (let k = 0; ; k++) {
        if (k >= MAX) await asyncCloseThrow(rec, new TypeError('Too many elements passed to Array.fromAsync'));
        const { done, value } = await nextOf(rec);
        if (done) {
          A.length = k;
          return A;
        }
        let mapped = value;
        if (mapping) {
          try {
            mapped = await apply(mapfn, thisArg, [value, k]);
          } catch (e) {
            await closeOnError(rec, e);
          }
        }
        try {
          createDataProperty(A, k, mapped);
        } catch (e) {
          await closeOnError(rec, e);
        }
      }
    }
    // An array-like.
    const arrayLike = Object_(asyncItems);
    const len = toLength(arrayLike.length);
    const A = isConstructor(C) ? construct(C, [len]) : new Array_(len);
    for (let k = 0; k < len; k++) {
      let v = await arrayLike[k];
      if (mapping) v = await apply(mapfn, thisArg, [v, k]);
      createDataProperty(A, k, v);
    }
    A.length = len;
    return A;
  };

  // An error while iterating closes the iterator: the sync one behind an
  // async-from-sync wrapper directly, an async one with an awaited return().
  const closeOnError = (rec, e) => (rec.sync ? syncCloseThrow(rec.iterator, e) : asyncCloseThrow(rec, e));

  const { Object_, Array_, trunc } = I;
  const toLength = (v) => {
    let n = +v;
    if (n !== n || n <= 0) return 0;
    n = trunc(n);
    return n > MAX ? MAX : n;
  };

  return {
    fromAsync(asyncItems, mapfn, thisArg) {
      return fromAsync(this, asyncItems, mapfn, thisArg);
    },
  };
});
