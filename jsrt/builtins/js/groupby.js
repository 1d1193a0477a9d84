// groupby.js: Object.groupBy and Map.groupBy (ES2024). Compiled on the
// first call of either; I holds the intrinsics captured before user code ran.
(function (I) {
  'use strict';
  const { apply, ownKeys, create, defineProperty, Map, mapGet, mapSet, TypeError, symIterator } = I;

  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const describe = (v) => (typeof v === 'string' ? '"' + v + '"' : typeof v === 'symbol' || isObject(v) ? typeof v : '' + v);
  const MAX = 9007199254740991; // 2^53 - 1

  const closeThrow = (iterator, error) => {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) apply(ret, iterator, []);
    } catch (ignored) {
      // the original throw completion is what propagates
    }
    throw error;
  };

  // ToPropertyKey, exactly once per key: a computed property name does it.
  const toPropertyKey = (k) => ownKeys({ [k]: 0 })[0];

  // GroupBy(items, callback, keyCoercion): a Map from key to the list of
  // values, in first-seen key order.
  const groupBy = (name, items, callback, property) => {
    if (items === undefined || items === null) throw new TypeError(name + ' called on null or undefined');
    if (typeof callback !== 'function') throw new TypeError(describe(callback) + ' is not a function');
    const method = items[symIterator];
    if (typeof method !== 'function') throw new TypeError(describe(items) + ' is not iterable');
    const iterator = apply(method, items, []);
    if (!isObject(iterator)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    const next = iterator.next;
    const groups = new Map();
    const keys = []; // first-seen order, without iterating the Map
    for (let k = 0; ; k++) {
      if (k >= MAX) closeThrow(iterator, new TypeError('Too many elements passed to ' + name));
      const result = apply(next, iterator, []);
      if (!isObject(result)) throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
      if (result.done) break;
      const value = result.value;
      let key;
      try {
        key = callback(value, k);
        if (property) key = toPropertyKey(key);
        else if (key === 0) key = 0; // -0 becomes +0
      } catch (e) {
        closeThrow(iterator, e);
      }
      let list = apply(mapGet, groups, [key]);
      if (list === undefined) {
        list = [];
        apply(mapSet, groups, [key, list]);
        defineProperty(keys, keys.length, { __proto__: null, value: key, writable: true, enumerable: true, configurable: true });
      }
      defineProperty(list, list.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
    }
    return { groups, keys };
  };

  return {
    objectGroupBy(items, callback) {
      const { groups, keys } = groupBy('Object.groupBy', items, callback, true);
      const obj = create(null);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        defineProperty(obj, key, { __proto__: null, value: apply(mapGet, groups, [key]), writable: true, enumerable: true, configurable: true });
      }
      return obj;
    },
    mapGroupBy(items, callback) {
      return groupBy('Map.groupBy', items, callback, false).groups;
    },
  };
});
