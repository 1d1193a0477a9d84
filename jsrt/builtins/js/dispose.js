// dispose.js: DisposableStack and AsyncDisposableStack (explicit resource
// management, in Node 24). The constructors and prototypes are made in Go;
// their behaviour is compiled here on first use. I holds the intrinsics
// captured before user code ran.
(function (I) {
  'use strict';
  const { apply, create, defineProperty, TypeError, ReferenceError, SuppressedError, DisposableStackPrototype, AsyncDisposableStackPrototype, symDispose, symAsyncDispose } = I;

  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const describe = (v) => (typeof v === 'string' ? '"' + v + '"' : typeof v === 'symbol' || isObject(v) ? typeof v : '' + v);

  // a stack's slot: { async, disposed, resources: [{ value, method }] }
  // A private field stamped on objects this file makes: a hidden, weakly
  // held internal slot (the base constructor returns the object it is
  // given, so the subclass's field lands on that object).
  class Stamp {
    constructor(o) {
      return o;
    }
  }
  class StackSlot extends Stamp {
    #slot;
    constructor(o, v) {
      super(o);
      this.#slot = v;
    }
    static get(o) {
      return isObject(o) && #slot in o ? o.#slot : undefined;
    }
  }

  const push = (list, item) => {
    defineProperty(list, list.length, { __proto__: null, value: item, writable: true, enumerable: true, configurable: true });
  };

  const stateOf = (o, async, method) => {
    const s = StackSlot.get(o);
    if (s === undefined || s.async !== async) {
      const name = async ? 'AsyncDisposableStack' : 'DisposableStack';
      throw new TypeError('Method ' + name + '.prototype.' + method + ' called on incompatible receiver');
    }
    return s;
  };
  const pending = (s, method) => {
    if (s.disposed) {
      const name = s.async ? 'AsyncDisposableStack' : 'DisposableStack';
      throw new ReferenceError('Cannot call ' + name + '.prototype.' + method + ' on an already-disposed ' + name);
    }
  };
  const getMethod = (o, key) => {
    const m = o[key];
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'function') throw new TypeError(describe(m) + ' is not a function');
    return m;
  };
  const suppress = (error, suppressed) => new SuppressedError(error, suppressed, 'An error was suppressed during disposal');

  const disposeSync = (s) => {
    const list = s.resources;
    s.resources = [];
    let threw = false;
    let error;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i];
      try {
        apply(r.method, r.value, []);
      } catch (e) {
        error = threw ? suppress(e, error) : e;
        threw = true;
      }
    }
    if (threw) throw error;
    return undefined;
  };
  // DisposeResources for an async stack: a resource without a method (a
  // null or undefined use()) only makes sure the disposal awaits once.
  const disposeAsync = async (s) => {
    const list = s.resources;
    s.resources = [];
    let threw = false;
    let error;
    let needsAwait = false;
    let hasAwaited = false;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i];
      if (r.method === undefined) {
        needsAwait = true;
        continue;
      }
      let failed = false;
      let e;
      let result;
      try {
        result = apply(r.method, r.value, []);
      } catch (x) {
        failed = true;
        e = x;
      }
      if (!failed) {
        try {
          await result;
        } catch (x) {
          failed = true;
          e = x;
        }
        hasAwaited = true;
      }
      if (failed) {
        error = threw ? suppress(e, error) : e;
        threw = true;
      }
    }
    if (needsAwait && !hasAwaited) await undefined;
    if (threw) throw error;
    return undefined;
  };

  const common = (async) => {
    const name = async ? 'AsyncDisposableStack' : 'DisposableStack';
    return {
      adopt(value, onDispose) {
        const s = stateOf(this, async, 'adopt');
        pending(s, 'adopt');
        if (typeof onDispose !== 'function') throw new TypeError(describe(onDispose) + ' is not a function');
        push(s.resources, { value: undefined, method: () => onDispose(value) });
        return value;
      },
      defer(onDispose) {
        const s = stateOf(this, async, 'defer');
        pending(s, 'defer');
        if (typeof onDispose !== 'function') throw new TypeError(describe(onDispose) + ' is not a function');
        push(s.resources, { value: undefined, method: onDispose });
        return undefined;
      },
      use(value) {
        const s = stateOf(this, async, 'use');
        pending(s, 'use');
        if (value === undefined || value === null) {
          if (async) push(s.resources, { value: undefined, method: undefined });
          return value;
        }
        if (!isObject(value)) throw new TypeError(describe(value) + ' is not an object');
        let method;
        if (async) {
          method = getMethod(value, symAsyncDispose);
          if (method === undefined) {
            const sync = getMethod(value, symDispose);
            if (sync !== undefined) {
              // a sync disposer: its result is dropped, its throw
              // becomes a rejection
              method = async function () {
                apply(sync, this, []);
              };
            }
          }
        } else {
          method = getMethod(value, symDispose);
        }
        if (method === undefined) throw new TypeError(name + '.prototype.use: the value is not disposable');
        push(s.resources, { value, method });
        return value;
      },
      move() {
        const s = stateOf(this, async, 'move');
        pending(s, 'move');
        const o = create(async ? AsyncDisposableStackPrototype : DisposableStackPrototype);
        new StackSlot(o, { async, disposed: false, resources: s.resources });
        s.resources = [];
        s.disposed = true;
        return o;
      },
      disposed() {
        return stateOf(this, async, 'disposed').disposed;
      },
    };
  };

  const sync = common(false);
  const asyncs = common(true);
  return {
    init(o, async) {
      new StackSlot(o, { async, disposed: false, resources: [] });
    },
    syncAdopt: sync.adopt,
    syncDefer: sync.defer,
    syncUse: sync.use,
    syncMove: sync.move,
    syncDisposed: sync.disposed,
    dispose() {
      const s = stateOf(this, false, 'dispose');
      if (s.disposed) return undefined;
      s.disposed = true;
      return disposeSync(s);
    },
    asyncAdopt: asyncs.adopt,
    asyncDefer: asyncs.defer,
    asyncUse: asyncs.use,
    asyncMove: asyncs.move,
    asyncDisposed: asyncs.disposed,
    async disposeAsync() {
      const s = stateOf(this, true, 'disposeAsync');
      if (s.disposed) return undefined;
      s.disposed = true;
      return disposeAsync(s);
    },
  };
});
