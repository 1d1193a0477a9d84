// iterator.js: Iterator.from and the iterator helpers of ES2025 that make
// helper objects (Iterator.prototype.map, filter, take, drop, flatMap), with
// %IteratorHelperPrototype% and %WrapForValidIteratorPrototype%. (The
// consuming helpers, reduce to find, are Go.) Compiled on the first call of any of
// them; I holds the intrinsics captured before user code ran.
(function (I) {
  'use strict';
  const { apply, create, defineProperty, getPrototypeOf, TypeError, RangeError, IteratorPrototype, trunc, symIterator, symToStringTag } = I;

  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const isCallable = (v) => typeof v === 'function';
  const describe = (v) => (typeof v === 'string' ? JSON_quote(v) : typeof v === 'symbol' || isObject(v) ? typeof v : '' + v);
  const JSON_quote = (s) => '"' + s + '"';

  // ---- iterator records and closing ----

  // GetIteratorDirect(obj)
  const direct = (obj) => ({ iterator: obj, next: obj.next, done: false });

  // IteratorStepValue: the next value, or `done` (a unique marker).
  const done = {};
  const stepValue = (rec) => {
    let result;
    try {
      result = apply(rec.next, rec.iterator, []);
    } catch (e) {
      rec.done = true;
      throw e;
    }
    if (!isObject(result)) {
      rec.done = true;
      throw new TypeError('Iterator result ' + describe(result) + ' is not an object');
    }
    let isDone;
    try {
      isDone = !!result.done;
    } catch (e) {
      rec.done = true;
      throw e;
    }
    if (isDone) {
      rec.done = true;
      return done;
    }
    try {
      return result.value;
    } catch (e) {
      rec.done = true;
      throw e;
    }
  };

  const getMethod = (o, key) => {
    const m = o[key];
    if (m === undefined || m === null) return undefined;
    if (!isCallable(m)) throw new TypeError(describe(m) + ' is not a function');
    return m;
  };

  // IteratorClose(rec, normal completion): errors from return() propagate.
  const closeNormal = (iterator) => {
    const ret = getMethod(iterator, 'return');
    if (ret === undefined) return;
    const r = apply(ret, iterator, []);
    if (!isObject(r)) throw new TypeError('Iterator result ' + describe(r) + ' is not an object');
  };
  // IteratorClose(rec, throw completion): the original error wins.
  const closeThrow = (iterator, error) => {
    try {
      const ret = getMethod(iterator, 'return');
      if (ret !== undefined) apply(ret, iterator, []);
    } catch (ignored) {
      // the original throw completion is what propagates
    }
    throw error;
  };

  const notFunction = (v) => new TypeError(describe(v) + ' is not a function');

  // The receiver checks every helper starts with; on a bad argument the
  // receiver is closed before the error propagates (ES2025).
  const receiver = (o) => {
    if (!isObject(o)) throw new TypeError('Iterator helper called on non-object');
    return o;
  };
  const requireCallable = (o, f) => {
    if (!isCallable(f)) closeThrow(o, notFunction(f));
  };
  const limitOf = (o, limit) => {
    let n;
    try {
      n = +limit;
    } catch (e) {
      closeThrow(o, e);
    }
    if (n !== n || trunc(n) < 0) closeThrow(o, new RangeError(n + ' must be positive'));
    n = trunc(n);
    return n;
  };

  // ---- %IteratorHelperPrototype% ----

  // A helper's state: its underlying record, its step (returns the next
  // value or `done`), an optional close for return() while suspended, and
  // where it is: 'start', 'yield', 'running' or 'completed'.
  // A private field stamped on objects this file makes: a hidden, weakly
  // held internal slot (the base constructor returns the object it is
  // given, so the subclass's field lands on that object).
  class Stamp {
    constructor(o) {
      return o;
    }
  }
  // slotClass makes a class with a private field of its own: each call is
  // a new brand, so one kind of object's slot never reads as another's.
  const slotClass = () => class extends Stamp {
    #slot;
    constructor(o, v) {
      super(o);
      this.#slot = v;
    }
    static get(o) {
      return isObject(o) && #slot in o ? o.#slot : undefined;
    }
  };
  const HelperSlot = slotClass();
  const stateOf = (o, method) => {
    const s = HelperSlot.get(o);
    if (s === undefined) throw new TypeError('Method Iterator Helper.prototype.' + method + ' called on incompatible receiver');
    return s;
  };

  const HelperPrototype = create(IteratorPrototype);
  const helperMethods = {
    next() {
      const s = stateOf(this, 'next');
      if (s.state === 'running') throw new TypeError('Generator is already running');
      if (s.state === 'completed') return { value: undefined, done: true };
      s.state = 'running';
      let v;
      try {
        v = s.step();
      } catch (e) {
        s.state = 'completed';
        throw e;
      }
      if (v === done) {
        s.state = 'completed';
        return { value: undefined, done: true };
      }
      s.state = 'yield';
      return { value: v, done: false };
    },
    return() {
      const s = stateOf(this, 'return');
      if (s.state === 'running') throw new TypeError('Generator is already running');
      if (s.state === 'completed') return { value: undefined, done: true };
      const wasYield = s.state === 'yield';
      s.state = 'completed';
      if (wasYield && s.closeInner !== undefined) s.closeInner();
      closeNormal(s.rec.iterator);
      return { value: undefined, done: true };
    },
  };
  defineProperty(HelperPrototype, 'next', { __proto__: null, value: helperMethods.next, writable: true, enumerable: false, configurable: true });
  defineProperty(HelperPrototype, 'return', { __proto__: null, value: helperMethods.return, writable: true, enumerable: false, configurable: true });
  defineProperty(HelperPrototype, symToStringTag, { __proto__: null, value: 'Iterator Helper', writable: false, enumerable: false, configurable: true });

  const makeHelper = (rec, step, closeInner) => {
    const o = create(HelperPrototype);
    new HelperSlot(o, { rec, step, closeInner, state: 'start' });
    return o;
  };

  // ---- %WrapForValidIteratorPrototype% ----

  const WrapSlot = slotClass();
  const wrappedOf = (o, method) => {
    const rec = WrapSlot.get(o);
    if (rec === undefined) throw new TypeError('Method WrapForValidIteratorPrototype.' + method + ' called on incompatible receiver');
    return rec;
  };
  const WrapPrototype = create(IteratorPrototype);
  const wrapMethods = {
    next() {
      const rec = wrappedOf(this, 'next');
      return apply(rec.next, rec.iterator, []);
    },
    return() {
      const rec = wrappedOf(this, 'return');
      const ret = getMethod(rec.iterator, 'return');
      if (ret === undefined) return { value: undefined, done: true };
      return apply(ret, rec.iterator, []);
    },
  };
  defineProperty(WrapPrototype, 'next', { __proto__: null, value: wrapMethods.next, writable: true, enumerable: false, configurable: true });
  defineProperty(WrapPrototype, 'return', { __proto__: null, value: wrapMethods.return, writable: true, enumerable: false, configurable: true });

  // GetIteratorFlattenable(obj, primitives)
  const flattenable = (obj, iterateStrings) => {
    if (!isObject(obj)) {
      if (!(iterateStrings && typeof obj === 'string')) throw new TypeError(describe(obj) + ' is not an object');
    }
    const method = getMethod(obj, symIterator);
    const iterator = method === undefined ? obj : apply(method, obj, []);
    if (!isObject(iterator)) throw new TypeError(describe(iterator) + ' is not an object');
    return direct(iterator);
  };

  const inheritsIterator = (o) => {
    for (let p = getPrototypeOf(o); p !== null; p = getPrototypeOf(p)) {
      if (p === IteratorPrototype) return true;
    }
    return false;
  };

  // ---- the exports ----

  return {
    from(O) {
      const rec = flattenable(O, true);
      if (inheritsIterator(rec.iterator)) return rec.iterator;
      const w = create(WrapPrototype);
      new WrapSlot(w, rec);
      return w;
    },

    map(mapper) {
      const o = receiver(this);
      requireCallable(o, mapper);
      const rec = direct(o);
      let counter = 0;
      return makeHelper(rec, () => {
        const v = stepValue(rec);
        if (v === done) return done;
        let r;
        try {
          r = mapper(v, counter++);
        } catch (e) {
          closeThrow(o, e);
        }
        return r;
      });
    },

    filter(predicate) {
      const o = receiver(this);
      requireCallable(o, predicate);
      const rec = direct(o);
      let counter = 0;
      return makeHelper(rec, () => {
        for (;;) {
          const v = stepValue(rec);
          if (v === done) return done;
          let keep;
          try {
            keep = predicate(v, counter++);
          } catch (e) {
            closeThrow(o, e);
          }
          if (keep) return v;
        }
      });
    },

    take(limit) {
      const o = receiver(this);
      let remaining = limitOf(o, limit);
      const rec = direct(o);
      return makeHelper(rec, () => {
        if (remaining === 0) {
          closeNormal(o);
          return done;
        }
        if (remaining !== Infinity) remaining--;
        return stepValue(rec);
      });
    },

    drop(limit) {
      const o = receiver(this);
      let remaining = limitOf(o, limit);
      const rec = direct(o);
      return makeHelper(rec, () => {
        while (remaining > 0) {
          if (remaining !== Infinity) remaining--;
          if (stepValue(rec) === done) return done;
        }
        return stepValue(rec);
      });
    },

    flatMap(mapper) {
      const o = receiver(this);
      requireCallable(o, mapper);
      const rec = direct(o);
      let counter = 0;
      let inner;
      return makeHelper(
        rec,
        () => {
          for (;;) {
            if (inner !== undefined) {
              let v;
              try {
                v = stepValue(inner);
              } catch (e) {
                closeThrow(o, e);
              }
              if (v !== done) return v;
              inner = undefined;
            }
            const v = stepValue(rec);
            if (v === done) return done;
            try {
              inner = flattenable(mapper(v, counter++), false);
            } catch (e) {
              inner = undefined;
              closeThrow(o, e);
            }
          }
        },
        () => {
          // return() while suspended inside an inner iterator closes it
          // first; an error there still closes the outer one.
          if (inner === undefined) return;
          const it = inner.iterator;
          inner = undefined;
          try {
            closeNormal(it);
          } catch (e) {
            closeThrow(o, e);
          }
        },
      );
    },
  };
});
