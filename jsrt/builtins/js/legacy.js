// legacy.js: the Annex B methods Node has and goja lacks:
// Object.prototype.__defineGetter__, __defineSetter__, __lookupGetter__,
// __lookupSetter__, Date.prototype.getYear and setYear. Compiled on the
// first call of any of them; I holds the intrinsics captured before user
// code ran.
(function (I) {
  'use strict';
  const { apply, ownKeys, defineProperty, getPrototypeOf, getOwnPropertyDescriptor, Object_, TypeError, dateGetFullYear, dateSetFullYear, dateGetTime, dateSetTime, trunc } = I;

  const toObject = (v, name) => {
    if (v === undefined || v === null) throw new TypeError(name + ' called on null or undefined');
    return Object_(v);
  };
  const toPropertyKey = (k) => ownKeys({ [k]: 0 })[0];
  const lookup = (o, key, which) => {
    for (let p = o; p !== null; p = getPrototypeOf(p)) {
      const d = getOwnPropertyDescriptor(p, key);
      if (d !== undefined) {
        // d is a fresh descriptor: read only its own fields
        const ks = ownKeys(d);
        for (let i = 0; i < ks.length; i++) if (ks[i] === which) return d[which];
        return undefined;
      }
    }
    return undefined;
  };

  return {
    __defineGetter__(P, getter) {
      const o = toObject(this, 'Object.prototype.__defineGetter__');
      if (typeof getter !== 'function') throw new TypeError('Object.prototype.__defineGetter__: Expecting function');
      defineProperty(o, toPropertyKey(P), { __proto__: null, get: getter, enumerable: true, configurable: true });
      return undefined;
    },
    __defineSetter__(P, setter) {
      const o = toObject(this, 'Object.prototype.__defineSetter__');
      if (typeof setter !== 'function') throw new TypeError('Object.prototype.__defineSetter__: Expecting function');
      defineProperty(o, toPropertyKey(P), { __proto__: null, set: setter, enumerable: true, configurable: true });
      return undefined;
    },
    __lookupGetter__(P) {
      const o = toObject(this, 'Object.prototype.__lookupGetter__');
      return lookup(o, toPropertyKey(P), 'get');
    },
    __lookupSetter__(P) {
      const o = toObject(this, 'Object.prototype.__lookupSetter__');
      return lookup(o, toPropertyKey(P), 'set');
    },
    getYear() {
      const y = apply(dateGetFullYear, this, []);
      return y !== y ? y : y - 1900;
    },
    setYear(year) {
      apply(dateGetTime, this, []); // a TypeError on a non-Date, first
      let y = +year;
      if (y !== y) return apply(dateSetTime, this, [NaN]);
      const yi = trunc(y);
      if (yi >= 0 && yi <= 99) y = 1900 + yi;
      // setFullYear starts an invalid date from +0, as setYear does
      return apply(dateSetFullYear, this, [y]);
    },
  };
});
