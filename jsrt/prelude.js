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

  // ---- inspect: a compact, single-line take on Node's util.inspect ----

  const identRe = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const quote = (s) => {
    let out = "'";
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === "'") out += "\\'";
      else if (c === '\\') out += '\\\\';
      else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\t') out += '\\t';
      else out += c;
      if (out.length > budget) break;
    }
    return out + "'";
  };
  const formatKey = (k) => {
    if (typeof k === 'symbol') return '[' + call(SymbolToString, k) + ']';
    return identRe.test(k) ? k : quote(k);
  };
  const fnName = (f) => {
    const d = tryCall(getOwnDesc, null, f, 'name');
    return d.ok && d.value && typeof d.value.value === 'string' ? d.value.value : '';
  };
  const ctorName = (v) => {
    let p;
    try {
      p = getProto(v);
    } catch (e) {
      return '';
    }
    if (p === null) return null;
    while (p !== null) {
      const d = tryCall(getOwnDesc, null, p, 'constructor');
      if (d.ok && d.value && typeof d.value.value === 'function') return fnName(d.value.value);
      try {
        p = getProto(p);
      } catch (e) {
        return '';
      }
    }
    return '';
  };
  const describeError = (e) => {
    const r = tryCall(errorToString, e);
    if (r.ok && typeof r.value === 'string') return r.value;
    return 'Error';
  };

  function inspect(v, depth, seen, st) {
    if (st.len > budget) return '…';
    let out;
    switch (typeof v) {
      case 'string':
        out = depth === 0 && !st.nested ? v : quote(v);
        break;
      case 'number':
        out = v === 0 && 1 / v < 0 ? '-0' : StringCtor(v);
        break;
      case 'bigint':
        out = StringCtor(v) + 'n';
        break;
      case 'boolean':
        out = v ? 'true' : 'false';
        break;
      case 'undefined':
        out = 'undefined';
        break;
      case 'symbol':
        out = call(SymbolToString, v);
        break;
      case 'function': {
        const name = fnName(v);
        out = name ? '[Function: ' + name + ']' : '[Function (anonymous)]';
        break;
      }
      default:
        if (v === null) {
          out = 'null';
          break;
        }
        out = inspectObject(v, depth, seen, st);
    }
    st.len += out.length;
    return out;
  }

  function inspectObject(v, depth, seen, st) {
    if (call(setHas, seen, v)) return '[Circular]';
    if (isDate(v)) {
      const t = call(dateGetTime, v);
      return isFiniteNum(t) ? call(dateToISO, v) : 'Invalid Date';
    }
    if (isRegExp(v)) return '/' + call(regexpSource, v) + '/' + call(regexpFlags, v);
    if (isError(v)) return describeError(v);
    const arr = isArray(v);
    const map = !arr && isMap(v);
    const set = !arr && !map && isSet(v);
    const ta = !arr && !map && !set ? typedArrayName(v) : undefined;
    let name = ctorName(v);
    if (depth > 2) {
      if (arr) return '[Array]';
      return '[' + (name || 'Object') + ']';
    }
    call(setAdd, seen, v);
    const parts = [];
    const more = (n) => parts[parts.length] = '... ' + n + ' more item' + (n > 1 ? 's' : '');
    try {
      let prefix = '';
      let open = '{';
      let close = '}';
      if (arr || ta) {
        const len = arr ? v.length : call(typedArrayLength, v);
        const shown = len > 100 ? 100 : len;
        for (let i = 0; i < shown && st.len <= budget; i++) {
          parts[parts.length] = i in v ? inspect(v[i], depth + 1, seen, st) : '<empty>';
        }
        if (len > shown) more(len - shown);
        open = '[';
        close = ']';
        if (ta) prefix = ta + '(' + len + ') ';
        else if (name !== 'Array') prefix = (name === null ? '[Array: null prototype]' : name + '(' + len + ')') + ' ';
        if (parts.length === 0) return prefix + '[]';
      } else if (map) {
        const it = call(mapEntries, v);
        let n = 0;
        for (let r = iterNext(it); !r.done && st.len <= budget; r = iterNext(it)) {
          if (n++ >= 100) continue;
          parts[parts.length] = inspect(r.value[0], depth + 1, seen, st) + ' => ' + inspect(r.value[1], depth + 1, seen, st);
        }
        if (n > 100) more(n - 100);
        prefix = (name || 'Map') + '(' + call(mapSize, v) + ') ';
      } else if (set) {
        const it = call(setValues, v);
        let n = 0;
        for (let r = iterNext(it); !r.done && st.len <= budget; r = iterNext(it)) {
          if (n++ >= 100) continue;
          parts[parts.length] = inspect(r.value, depth + 1, seen, st);
        }
        if (n > 100) more(n - 100);
        prefix = (name || 'Set') + '(' + call(setSize, v) + ') ';
      } else if (name === null) {
        prefix = '[Object: null prototype] ';
      } else if (name && name !== 'Object') {
        prefix = name + ' ';
      } else if (isArrayBuffer(v)) {
        prefix = 'ArrayBuffer { byteLength: ' + call(arrayBufferByteLength, v) + ' }';
        return prefix;
      }
      if (!arr && !ta) {
        const ks = ownKeys(v);
        for (let i = 0; i < ks.length && st.len <= budget; i++) {
          const k = ks[i];
          const d = getOwnDesc(v, k);
          if (!d || !d.enumerable) continue;
          let val;
          if (d.get && d.set) val = '[Getter/Setter]';
          else if (d.get) val = '[Getter]';
          else if (d.set) val = '[Setter]';
          else val = inspect(d.value, depth + 1, seen, st);
          parts[parts.length] = formatKey(k) + ': ' + val;
        }
      }
      if (st.len > budget) parts[parts.length] = '…';
      if (parts.length === 0) return prefix + open + close;
      return prefix + open + ' ' + parts.join(', ') + ' ' + close;
    } finally {
      call(setDelete, seen, v);
    }
  }

  const inspectTop = (v) => inspect(v, 0, new SetCtor(), { len: 0, nested: false });
  const inspectNested = (v) => inspect(v, 0, new SetCtor(), { len: 0, nested: true });

  // format follows Node's util.format: printf-like directives in a leading
  // string, the rest joined by spaces.
  function format(args) {
    const parts = [];
    let i = 0;
    const first = args[0];
    if (typeof first === 'string') {
      i = 1;
      if (args.length > 1 && first.indexOf('%') >= 0) {
        let s = '';
        let last = 0;
        for (let j = 0; j < first.length - 1; j++) {
          if (first[j] !== '%') continue;
          const c = first[j + 1];
          let rep;
          if (c === '%') {
            rep = '%';
          } else if (i < args.length && 'sdifjoOc'.indexOf(c) >= 0) {
            const a = args[i++];
            switch (c) {
              case 's':
                rep = typeof a === 'string' ? a : typeof a === 'bigint' ? StringCtor(a) + 'n' :
                  typeof a === 'symbol' ? call(SymbolToString, a) :
                    (typeof a === 'object' && a !== null) ? inspectNested(a) : StringCtor(a);
                break;
              case 'd':
              case 'i':
                if (typeof a === 'bigint') rep = StringCtor(a) + 'n';
                else if (typeof a === 'symbol') rep = 'NaN';
                else {
                  const n = NumberCtor(a);
                  rep = StringCtor(c === 'i' ? (n < 0 ? -Math.floor(-n) : Math.floor(n)) : n);
                }
                break;
              case 'f':
                rep = typeof a === 'symbol' ? 'NaN' : StringCtor(parseFloat(a));
                break;
              case 'j': {
                const r = tryCall(JSON.stringify, JSON, a);
                rep = r.ok ? StringCtor(r.value) : '[Circular]';
                break;
              }
              case 'c':
                rep = '';
                break;
              default:
                rep = inspectNested(a);
            }
          } else {
            continue;
          }
          s += first.slice(last, j) + rep;
          last = j + 2;
          j++;
        }
        parts[parts.length] = s + first.slice(last);
      } else {
        parts[parts.length] = first;
      }
    }
    for (; i < args.length; i++) {
      const a = args[i];
      parts[parts.length] = typeof a === 'string' ? a : inspectTop(a);
    }
    return parts.join(' ');
  }

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

  // ---- structuredClone (the HTML structured clone algorithm, for the types a sandbox has) ----

  const dataCloneError = (what) => {
    const e = new ErrorCtor(what + ' could not be cloned.');
    defineProp(e, 'name', { value: 'DataCloneError', configurable: true, writable: true });
    return e;
  };
  function clone(v, memory) {
    if (v === null) return v;
    const t = typeof v;
    if (t === 'symbol') throw dataCloneError(call(SymbolToString, v));
    if (t === 'function') throw dataCloneError(inspectNested(v));
    if (t !== 'object') return v;
    if (call(mapHas, memory, v)) return call(mapGet, memory, v);
    let out;
    if (isDate(v)) {
      out = new Date(call(dateGetTime, v));
    } else if (isRegExp(v)) {
      out = new RegExp(call(regexpSource, v), call(regexpFlags, v));
    } else if (isMap(v)) {
      out = new MapCtor();
      call(mapSet, memory, v, out);
      const it = call(mapEntries, v);
      for (let r = iterNext(it); !r.done; r = iterNext(it)) {
        call(mapSet, out, clone(r.value[0], memory), clone(r.value[1], memory));
      }
      return out;
    } else if (isSet(v)) {
      out = new SetCtor();
      call(mapSet, memory, v, out);
      const it = call(setValues, v);
      for (let r = iterNext(it); !r.done; r = iterNext(it)) call(setAdd, out, clone(r.value, memory));
      return out;
    } else if (isArrayBuffer(v)) {
      out = call(arrayBufferSlice, v, 0);
    } else if (typedArrayName(v) !== undefined) {
      const C = typedArrays[typedArrayName(v)];
      const buf = clone(call(typedArrayBuffer, v), memory);
      out = new C(buf, call(typedArrayByteOffset, v), call(typedArrayLength, v));
    } else if (isError(v)) {
      const nameDesc = getOwnDesc(v, 'name') || { value: v.name };
      const C = call(hasOwn, errorTypes, nameDesc.value) ? errorTypes[nameDesc.value] : ErrorCtor;
      out = new C(v.message);
      call(mapSet, memory, v, out);
      if (typeof v.stack === 'string') defineProp(out, 'stack', { value: v.stack, configurable: true, writable: true });
      return out;
    } else if (isArray(v)) {
      out = [];
      call(mapSet, memory, v, out);
      out.length = v.length;
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) out[ks[i]] = clone(v[ks[i]], memory);
      return out;
    } else {
      const tag = call(objToString, v);
      if (tag !== '[object Object]' && tag !== '[object Arguments]') {
        throw dataCloneError(tag.slice(8, -1) + ' object');
      }
      // Class instances lose their prototype, as in browsers and Node.
      out = {};
      call(mapSet, memory, v, out);
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) out[ks[i]] = clone(v[ks[i]], memory);
      return out;
    }
    call(mapSet, memory, v, out);
    return out;
  }
  function structuredClone(value) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    return clone(value, new MapCtor());
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
    return { message: 'Uncaught ' + inspectNested(e), stack: '' };
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
