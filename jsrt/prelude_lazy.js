// prelude_lazy.js: the heavier half of the sandbox's JavaScript globals,
// compiled only when a job first needs it (a console line with objects or
// format directives, structuredClone, a thrown non-Error), to keep it off a
// runner's start. It receives the built-ins prelude.js captured before any
// user code ran, so user code that replaced them in the meantime changes
// nothing here.
(function (I) {
  'use strict';
  const {
    apply, ownKeys, keys, getProto, getOwnDesc, defineProp, create, freeze, isArray, objToString, hasOwn, isFiniteNum, StringCtor, NumberCtor, SymbolToString, SymbolToStringTag, errorToString, dateToISO, dateGetTime, regexpToString, regexpSource, regexpFlags, MapCtor, SetCtor, mapSize, mapEntries, mapGet, mapSet, mapHas, mapDelete, setSize, setValues, setAdd, setHas, setDelete, arrayBufferSlice, arrayJoin, stringSlice, arrayBufferByteLength, typedArrayProto, typedArrayTag, typedArrayLength, typedArrayBuffer, typedArrayByteOffset, typedArrays, promiseResolve, promiseThen, PromiseCtor, ErrorCtor, TypeErrorCtor, errorTypes, mathMax, dateNow, iterNext, call, tryCall, isMap, isSet, isDate, isRegExp, isArrayBuffer, typedArrayName, isError, budget,
  } = I;

  // ---- inspect: a compact, single-line take on Node's util.inspect ----

  const identRe = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  // quote takes runs of plain characters as slices and joins the pieces
  // once: appending one character at a time copies the string each time.
  const quote = (s) => {
    const n = s.length > budget ? budget + 1 : s.length;
    const parts = [];
    let last = 0;
    for (let i = 0; i < n; i++) {
      const c = s[i];
      let e;
      if (c === "'") e = "\\'";
      else if (c === '\\') e = '\\\\';
      else if (c === '\n') e = '\\n';
      else if (c === '\r') e = '\\r';
      else if (c === '\t') e = '\\t';
      else continue;
      parts[parts.length] = call(stringSlice, s, last, i);
      parts[parts.length] = e;
      last = i + 1;
    }
    parts[parts.length] = call(stringSlice, s, last, n);
    return "'" + call(arrayJoin, parts, '') + "'";
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

  // ---- structuredClone (the HTML structured clone algorithm, for the types a sandbox has) ----

  const dataCloneError = (what) => {
    const e = new ErrorCtor(what + ' could not be cloned.');
    defineProp(e, 'name', { value: 'DataCloneError', configurable: true, writable: true });
    return e;
  };
  // put creates an own data property, as the structured clone algorithm
  // does: an assignment would run setters, and a "__proto__" key would set
  // the clone's prototype instead of copying the property.
  const put = (o, k, v) => defineProp(o, k, { value: v, writable: true, enumerable: true, configurable: true });
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
      for (let i = 0; i < ks.length; i++) put(out, ks[i], clone(v[ks[i]], memory));
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
      for (let i = 0; i < ks.length; i++) put(out, ks[i], clone(v[ks[i]], memory));
      return out;
    }
    call(mapSet, memory, v, out);
    return out;
  }


  return freeze({
    format: format,
    inspectNested: inspectNested,
    structuredClone: (value) => clone(value, new MapCtor()),
  });
});
