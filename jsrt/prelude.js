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
  const promiseState = host.promiseState; // (v): {state, value} of a promise, else undefined
  const proxyTarget = host.proxyTarget; // (v): {target, handler} of a proxy, else undefined
  const hrnow = host.now; // (): milliseconds on a monotonic clock, sub-millisecond
  const callStack = host.stack; // (): "\n    at …" lines of the code's call stack

  const apply = Reflect.apply;
  const ownKeys = Reflect.ownKeys;
  const keys = Object.keys;
  const getProto = Object.getPrototypeOf;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const defineProp = Object.defineProperty;
  const create = Object.create;
  const freeze = Object.freeze;
  const seal = Object.seal;
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
  const setProto = Object.setPrototypeOf;
  const getOwnNames = Object.getOwnPropertyNames;
  const getOwnSymbols = Object.getOwnPropertySymbols;
  const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const isPrototypeOf = Object.prototype.isPrototypeOf;
  const getProp = Reflect.get;
  const fnToString = Function.prototype.toString;
  const FunctionProto = Function.prototype;
  const asyncFnProto = getProto(async function () {});
  const genFnProto = getProto(function* () {});
  const ObjectProto = Object.prototype;
  const stringRepeat = String.prototype.repeat;
  const stringIndexOf = String.prototype.indexOf;
  const stringCharCodeAt = String.prototype.charCodeAt;
  const stringPadStart = String.prototype.padStart;
  const stringPadEnd = String.prototype.padEnd;
  const numberToUpper = String.prototype.toUpperCase;
  const numberToString = Number.prototype.toString;
  const numberValueOf = Number.prototype.valueOf;
  const stringValueOf = String.prototype.valueOf;
  const booleanValueOf = Boolean.prototype.valueOf;
  const bigintValueOf = typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined;
  const symbolValueOf = Symbol.prototype.valueOf;
  const weakMapHas = WeakMap.prototype.has;
  const weakSetHas = WeakSet.prototype.has;
  const dataViewByteLength = getOwnDesc(DataView.prototype, 'byteLength').get;
  const typedArrayByteLength = getOwnDesc(getProto(Uint8Array.prototype), 'byteLength').get;
  const Uint8ArrayCtor = Uint8Array;
  const arraySort = Array.prototype.sort;
  const mathMin = Math.min;
  const mathSqrt = Math.sqrt;
  const mathRound = Math.round;
  const mathFloor = Math.floor;
  const numberToFixed = Number.prototype.toFixed;
  const jsonStringify = JSON.stringify;
  const parseIntFn = parseInt;
  const parseFloatFn = parseFloat;
  const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const mapForEach = Map.prototype.forEach;
  const setForEach = Set.prototype.forEach;
  const mapIterNext = getProto(new Map().entries()).next;
  const setIterNext = getProto(new Set().values()).next;
  // The built-in iterators' next, captured: user code may replace the
  // prototypes' next, and must not see the runtime's iterators.
  const iterNext = (it) => call(setIterNext, it);
  // The names the hardened prototypes had before their constructor became a
  // thrower (see jsrt.harden).
  const protoNames = new Map();

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
  const isWeakMap = (v) => tryCall(weakMapHas, v, ObjectProto).ok;
  const isWeakSet = (v) => tryCall(weakSetHas, v, ObjectProto).ok;
  const isDataView = (v) => tryCall(dataViewByteLength, v).ok;
  const isPromise = (v) => promiseState(v) !== undefined;
  const protoName = (p) => call(mapGet, protoNames, p);
  call(mapSet, protoNames, FunctionProto, 'Function');
  call(mapSet, protoNames, asyncFnProto, 'AsyncFunction');
  call(mapSet, protoNames, genFnProto, 'GeneratorFunction');

  const describeError = (e) => {
    const r = tryCall(errorToString, e);
    if (r.ok && typeof r.value === 'string') return r.value;
    return 'Error';
  };

  // Everything prelude_lazy.js needs, captured now.
  const I = freeze({
    apply, ownKeys, keys, getProto, getOwnDesc, defineProp, create, freeze, seal, isArray, objToString, hasOwn, isFiniteNum, StringCtor, NumberCtor, SymbolToString, SymbolToStringTag, errorToString, dateToISO, dateGetTime, regexpToString, regexpSource, regexpFlags, MapCtor, SetCtor, mapSize, mapEntries, mapGet, mapSet, mapHas, mapDelete, setSize, setValues, setAdd, setHas, setDelete, arrayBufferSlice, arrayJoin, stringSlice, arrayBufferByteLength, typedArrayProto, typedArrayTag, typedArrayLength, typedArrayBuffer, typedArrayByteOffset, typedArrays, promiseResolve, promiseThen, PromiseCtor, ErrorCtor, TypeErrorCtor, errorTypes, mathMax, dateNow, iterNext, mapIterNext, setIterNext, mapForEach, setForEach, call, tryCall, isMap, isSet, isDate, isRegExp, isArrayBuffer, typedArrayName, isError, budget,
    setProto, getOwnNames, getOwnSymbols, propertyIsEnumerable, isPrototypeOf, getProp, fnToString, asyncFnProto, genFnProto,
    stringRepeat, stringIndexOf, stringCharCodeAt, stringPadStart, stringPadEnd, numberToUpper, numberToString,
    numberValueOf, stringValueOf, booleanValueOf, bigintValueOf, symbolValueOf, typedArrayByteLength, Uint8ArrayCtor,
    arraySort, mathMin, mathSqrt, mathRound, mathFloor, jsonStringify, parseIntFn, parseFloatFn, customInspectSymbol,
    isWeakMap, isWeakSet, isDataView, isPromise, protoName, promiseState, proxyTarget, describeError,
  });
  let lazyExports;
  const lazy = () => lazyExports || (lazyExports = loadLazy(I));

  // list is an array no setter planted on Array.prototype can see.
  const list = () => setProto([], null);
  const argList = (args, from) => {
    const out = list();
    for (let i = from; i < args.length; i++) out[i - from] = args[i];
    return out;
  };

  // The common console line: strings and plain numbers, no directive, needs
  // none of the inspector.
  const simple = (args) => {
    // Joined once at the end: appending to one string would copy it for
    // every argument.
    const out = list();
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const t = typeof a;
      if (t === 'string') {
        if (i === 0 && args.length > 1 && call(stringIndexOf, a, '%') >= 0) return undefined;
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

  // ---- console: Node's, writing lines to the host ----

  const counts = new MapCtor();
  const timers = new MapCtor();
  let indent = '';
  // write indents every line of a message by the group depth.
  const write = (level, msg) => {
    if (indent !== '') {
      const parts = list();
      let last = 0;
      for (let i = 0; i < msg.length; i++) {
        if (msg[i] === '\n') {
          parts[parts.length] = call(stringSlice, msg, last, i);
          last = i + 1;
        }
      }
      parts[parts.length] = call(stringSlice, msg, last, msg.length);
      msg = indent + call(arrayJoin, parts, '\n' + indent);
    }
    emit(level, msg);
  };
  const warning = (msg) => write('warn', 'Warning: ' + msg);
  const labelOf = (label) => (label === undefined ? 'default' : StringCtor(label));
  // formatTime is Node's: 1.234ms, 1.500s, 1:02.500 (m:ss.mmm).
  const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
  const formatTime = (ms) => {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = mathFloor(ms / 3600000);
          ms = ms % 3600000;
        }
        minutes = mathFloor(ms / 60000);
        ms = ms % 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const fixed = call(numberToFixed, seconds, 3);
      const dot = call(stringIndexOf, fixed, '.');
      const sec = call(stringSlice, fixed, 0, dot);
      const milli = call(stringSlice, fixed, dot + 1);
      const res = hours !== 0 ? hours + ':' + pad2(minutes) : '' + minutes;
      return res + ':' + (sec.length < 2 ? '0' + sec : sec) + '.' + milli + ' (' + (hours !== 0 ? 'h:m' : '') + 'm:ss.mmm)';
    }
    if (seconds !== 0) return call(numberToFixed, seconds, 3) + 's';
    return NumberCtor(call(numberToFixed, ms, 3)) + 'ms';
  };
  const timeLog = (name, label, data) => {
    const l = labelOf(label);
    if (!call(mapHas, timers, l)) {
      warning("No such label '" + l + "' for console." + name + '()');
      return false;
    }
    let msg = l + ': ' + formatTime(hrnow() - call(mapGet, timers, l));
    if (data !== undefined && data.length > 0) msg += ' ' + format(data);
    write('log', msg);
    return true;
  };
  const line = (level) => function () {
    write(level, format(argList(arguments, 0)));
  };
  const console = {
    log: line('log'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    debug: line('debug'),
    dirxml: line('log'),
    trace: function trace() {
      write('error', 'Trace' + (arguments.length ? ': ' + format(argList(arguments, 0)) : '') + callStack());
    },
    dir(obj, options) {
      const o = setProto({ customInspect: false }, null);
      if (options !== null && typeof options === 'object') {
        const ks = keys(options);
        for (let i = 0; i < ks.length; i++) o[ks[i]] = options[ks[i]];
      }
      write('log', lazy().inspect(obj, o));
    },
    table(data, properties) {
      const t = lazy().table(data, properties);
      write('log', t === undefined ? format(argList(arguments, 0)) : t);
    },
    assert(cond) {
      if (cond) return;
      const args = argList(arguments, 1);
      if (typeof args[0] === 'string') args[0] = 'Assertion failed: ' + args[0];
      else {
        const rest = list();
        rest[0] = 'Assertion failed';
        for (let i = 0; i < args.length; i++) rest[i + 1] = args[i];
        write('warn', format(rest));
        return;
      }
      write('warn', format(args));
    },
    count(label) {
      const l = labelOf(label);
      const n = (call(mapHas, counts, l) ? call(mapGet, counts, l) : 0) + 1;
      call(mapSet, counts, l, n);
      write('log', l + ': ' + n);
    },
    countReset(label) {
      const l = labelOf(label);
      if (!call(mapHas, counts, l)) {
        warning("Count for '" + l + "' does not exist");
        return;
      }
      call(mapSet, counts, l, 0);
    },
    time(label) {
      const l = labelOf(label);
      if (call(mapHas, timers, l)) {
        warning("Label '" + l + "' already exists for console.time()");
        return;
      }
      call(mapSet, timers, l, hrnow());
    },
    timeLog(label) {
      timeLog('timeLog', label, argList(arguments, 1));
    },
    timeEnd(label) {
      if (timeLog('timeEnd', label)) call(mapDelete, timers, labelOf(label));
    },
    group() {
      if (arguments.length) write('log', format(argList(arguments, 0)));
      indent += '  ';
    },
    groupEnd() {
      indent = call(stringSlice, indent, 0, mathMax(0, indent.length - 2));
    },
  };
  console.groupCollapsed = console.group;

  // ---- queueMicrotask ----

  // The microtask queue's own promise: its own constructor and species are
  // data properties, so that then() finds neither a getter user code
  // planted on Promise.prototype.constructor nor one on Promise[Symbol.species].
  class SafePromise extends PromiseCtor {
    constructor(executor) {
      super(executor);
    }
  }
  defineProp(SafePromise, Symbol.species, setProto({ value: SafePromise }, null));
  const resolved = new SafePromise((resolve) => resolve());
  defineProp(resolved, 'constructor', setProto({ value: SafePromise }, null));
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
      if (d.ok && d.value !== undefined) {
        setProto(d.value, null);
        if (typeof d.value.value === 'string') stack = d.value.value;
      }
      return setProto({ message: describeError(e), stack }, null);
    }
    return setProto({ message: 'Uncaught ' + lazy().inspectNested(e), stack: '' }, null);
  }

  return freeze({
    console: console,
    queueMicrotask: queueMicrotask,
    structuredClone: structuredClone,
    describe: describe,
    stringify: JSON.stringify,
    parse: JSON.parse,
    // inspector() is util's inspect, format and formatWithOptions (for the
    // modules): the same inspector console uses.
    inspector: () => lazy().util,
  });
});
