// prelude.js: the sandbox's JavaScript-side globals. It runs once per runtime,
// before any user code, and captures every built-in it uses so that user code
// that later replaces Object.keys or Array.prototype.join cannot change how
// logs are formatted or how structuredClone behaves.
//
// It is one function expression; jsrt calls it with the host hooks and
// installs what it returns. It must stay within what goja can parse (no async
// generators) and must not use eval or Function.
(function (host) {
  'use strict';
  const emit = host.emit; // (level, message): one console line
  const uncaught = host.uncaught; // (error): an exception nobody caught
  const budget = host.budget; // max characters worth formatting for one line
  const loadLazy = host.lazy; // (intrinsics): compiles and runs prelude_lazy.js

  const apply = Reflect.apply;
  const ownKeys = Reflect.ownKeys;
  const keys = Object.keys;
  const getProto = Object.getPrototypeOf;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const defineProp = Object.defineProperty;
  const create = Object.create;
  const freeze = Object.freeze;
  const isArray = Array.isArray;
  const objToString = Object.prototype.toString;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isFiniteNum = Number.isFinite;
  const StringCtor = String;
  const NumberCtor = Number;
  const SymbolToString = Symbol.prototype.toString;
  const SymbolToStringTag = Symbol.toStringTag;
  const errorToString = Error.prototype.toString;
  const dateToISO = Date.prototype.toISOString;
  const dateGetTime = Date.prototype.getTime;
  const regexpToString = RegExp.prototype.toString;
  const regexpSource = getOwnDesc(RegExp.prototype, 'source').get;
  const regexpFlags = getOwnDesc(RegExp.prototype, 'flags').get;
  const MapCtor = Map;
  const SetCtor = Set;
  const mapSize = getOwnDesc(Map.prototype, 'size').get;
  const mapEntries = Map.prototype.entries;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapHas = Map.prototype.has;
  const mapDelete = Map.prototype.delete;
  const setSize = getOwnDesc(Set.prototype, 'size').get;
  const setValues = Set.prototype.values;
  const setAdd = Set.prototype.add;
  const setHas = Set.prototype.has;
  const setDelete = Set.prototype.delete;
  const arrayBufferSlice = ArrayBuffer.prototype.slice;
  const arrayJoin = Array.prototype.join;
  const stringSlice = String.prototype.slice;
  const arrayBufferByteLength = getOwnDesc(ArrayBuffer.prototype, 'byteLength').get;
  const typedArrayProto = getProto(Uint8Array.prototype);
  const typedArrayTag = getOwnDesc(typedArrayProto, SymbolToStringTag).get;
  const typedArrayLength = getOwnDesc(typedArrayProto, 'length').get;
  const typedArrayBuffer = getOwnDesc(typedArrayProto, 'buffer').get;
  const typedArrayByteOffset = getOwnDesc(typedArrayProto, 'byteOffset').get;
  const typedArrays = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, Float32Array, Float64Array,
  };
  if (typeof BigInt64Array === 'function') typedArrays.BigInt64Array = BigInt64Array;
  if (typeof BigUint64Array === 'function') typedArrays.BigUint64Array = BigUint64Array;
  const promiseResolve = Promise.resolve;
  const promiseThen = Promise.prototype.then;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const errorTypes = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const mathMax = Math.max;
  const dateNow = Date.now;
  const iterNext = (it) => it.next();

  const call = (fn, self, ...args) => apply(fn, self, args);
  const tryCall = (fn, self, ...args) => {
    try {
      return { ok: true, value: apply(fn, self, args) };
    } catch (e) {
      return { ok: false, value: e };
    }
  };
  const isMap = (v) => tryCall(mapSize, v).ok;
  const isSet = (v) => tryCall(setSize, v).ok;
  const isDate = (v) => tryCall(dateGetTime, v).ok;
  const isRegExp = (v) => tryCall(regexpSource, v).ok;
  const isArrayBuffer = (v) => tryCall(arrayBufferByteLength, v).ok;
  const typedArrayName = (v) => {
    const r = tryCall(typedArrayTag, v);
    return r.ok ? r.value : undefined;
  };
  const isError = (v) => call(objToString, v) === '[object Error]';

  // Everything prelude_lazy.js needs, captured now.
  const I = freeze({
    apply, ownKeys, keys, getProto, getOwnDesc, defineProp, create, freeze, isArray, objToString, hasOwn, isFiniteNum, StringCtor, NumberCtor, SymbolToString, SymbolToStringTag, errorToString, dateToISO, dateGetTime, regexpToString, regexpSource, regexpFlags, MapCtor, SetCtor, mapSize, mapEntries, mapGet, mapSet, mapHas, mapDelete, setSize, setValues, setAdd, setHas, setDelete, arrayBufferSlice, arrayJoin, stringSlice, arrayBufferByteLength, typedArrayProto, typedArrayTag, typedArrayLength, typedArrayBuffer, typedArrayByteOffset, typedArrays, promiseResolve, promiseThen, PromiseCtor, ErrorCtor, TypeErrorCtor, errorTypes, mathMax, dateNow, iterNext, call, tryCall, isMap, isSet, isDate, isRegExp, isArrayBuffer, typedArrayName, isError, budget,
  });
  let lazyExports;
  const lazy = () => lazyExports || (lazyExports = loadLazy(I));
  const describeError = (e) => {
    const r = tryCall(errorToString, e);
    if (r.ok && typeof r.value === 'string') return r.value;
    return 'Error';
  };

  // The common console line: strings and plain numbers, no directive, needs
  // none of the inspector.
  const simple = (args) => {
    // Joined once at the end: appending to one string would copy it for
    // every argument.
    const out = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const t = typeof a;
      if (t === 'string') {
        if (i === 0 && args.length > 1 && a.indexOf('%') >= 0) return undefined;
      } else if (t === 'boolean' || a === undefined || a === null || (t === 'number' && !(a === 0 && 1 / a < 0))) {
        // as String() prints them
      } else {
        return undefined;
      }
      out[i] = StringCtor(a);
    }
    return call(arrayJoin, out, ' ');
  };
  const format = (args) => {
    const s = simple(args);
    return s === undefined ? lazy().format(args) : s;
  };

  // ---- console ----

  const counts = new MapCtor();
  const timers = new MapCtor();
  let indent = '';
  const line = (level) => function () {
    const args = [];
    for (let i = 0; i < arguments.length; i++) args[i] = arguments[i];
    const msg = format(args);
    emit(level, indent ? indent + msg.split('\n').join('\n' + indent) : msg);
  };
  const console = {
    log: line('log'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    debug: line('debug'),
    trace: line('debug'),
    dir: line('log'),
    table: line('log'),
    assert(cond) {
      if (cond) return;
      const args = [];
      for (let i = 1; i < arguments.length; i++) args[i - 1] = arguments[i];
      if (typeof args[0] === 'string') args[0] = 'Assertion failed: ' + args[0];
      else args.unshift('Assertion failed');
      emit('error', indent + format(args));
    },
    count(label) {
      const l = label === undefined ? 'default' : StringCtor(label);
      const n = (call(mapHas, counts, l) ? call(mapGet, counts, l) : 0) + 1;
      call(mapSet, counts, l, n);
      emit('log', indent + l + ': ' + n);
    },
    countReset(label) {
      call(mapSet, counts, label === undefined ? 'default' : StringCtor(label), 0);
    },
    time(label) {
      call(mapSet, timers, label === undefined ? 'default' : StringCtor(label), dateNow());
    },
    timeLog(label) {
      const l = label === undefined ? 'default' : StringCtor(label);
      if (call(mapHas, timers, l)) emit('log', indent + l + ': ' + (dateNow() - call(mapGet, timers, l)) + 'ms');
    },
    timeEnd(label) {
      const l = label === undefined ? 'default' : StringCtor(label);
      if (call(mapHas, timers, l)) emit('log', indent + l + ': ' + (dateNow() - call(mapGet, timers, l)) + 'ms');
      call(mapDelete, timers, l);
    },
    group() {
      if (arguments.length) apply(line('log'), null, arguments);
      indent += '  ';
    },
    groupEnd() {
      indent = indent.slice(0, mathMax(0, indent.length - 2));
    },
  };
  console.groupCollapsed = console.group;

  // ---- queueMicrotask ----

  const resolved = call(promiseResolve, PromiseCtor);
  function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The "callback" argument must be of type function');
    }
    call(promiseThen, resolved, () => {
      try {
        callback();
      } catch (e) {
        uncaught(e);
      }
    });
  }

  function structuredClone(value) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    return lazy().structuredClone(value);
  }

  // ---- for the host: describing errors and values without trusting them ----

  // describe returns a one-line description of a thrown value and, when it
  // is an Error with a goja stack, that stack.
  function describe(e) {
    if (typeof e === 'object' && e !== null && isError(e)) {
      let stack = '';
      const d = tryCall(getOwnDesc, null, e, 'stack');
      if (d.ok && d.value && typeof d.value.value === 'string') stack = d.value.value;
      return { message: describeError(e), stack };
    }
    return { message: 'Uncaught ' + lazy().inspectNested(e), stack: '' };
  }

  return freeze({
    console: console,
    queueMicrotask: queueMicrotask,
    structuredClone: structuredClone,
    describe: describe,
    stringify: JSON.stringify,
    parse: JSON.parse,
  });
});
