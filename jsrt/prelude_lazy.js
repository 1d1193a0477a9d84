// prelude_lazy.js: the JavaScript half of the sandbox's globals (the other
// half is Go: glue.go), compiled only when a job first needs it (a console
// line with objects or format directives, console's other methods,
// structuredClone, a thrown non-Error), to keep it off a runner's start. It
// receives the built-ins jsrt captured before any user code ran
// (intrinsics.go), so user code that replaced them in the meantime changes
// nothing here.
(function (I, hooks) {
  'use strict';
  const {
    apply, ownKeys, keys, getProto, getOwnDesc, defineProp, create, freeze, seal, isArray, objToString, hasOwn, isFiniteNum, StringCtor, NumberCtor, SymbolToString, SymbolToStringTag, errorToString, dateToISO, dateGetTime, regexpToString, regexpSource, regexpFlags, MapCtor, SetCtor, mapSize, mapEntries, mapGet, mapSet, mapHas, mapDelete, setSize, setValues, setAdd, setHas, setDelete, arrayBufferSlice, arrayJoin, stringSlice, arrayBufferByteLength, typedArrayProto, typedArrayTag, typedArrayLength, typedArrayBuffer, typedArrayByteOffset, typedArrays, promiseResolve, promiseThen, PromiseCtor, ErrorCtor, TypeErrorCtor, errorTypes, mathMax, dateNow, mapIterNext, setIterNext, mapForEach, setForEach,
    setProto, getOwnNames, getOwnSymbols, propertyIsEnumerable, isPrototypeOf, getProp, fnToString, asyncFnProto, genFnProto,
    stringRepeat, stringIndexOf, stringCharCodeAt, stringPadStart, stringPadEnd, numberToUpper, numberToString,
    numberValueOf, stringValueOf, booleanValueOf, bigintValueOf, symbolValueOf, typedArrayByteLength, Uint8ArrayCtor,
    arraySort, mathMin, mathSqrt, mathRound, mathFloor, jsonStringify, parseIntFn, parseFloatFn, customInspectSymbol,
    numberToFixed, weakMapHas, weakSetHas, dataViewByteLength, ObjectProto, FunctionProto,
  } = I;
  const { budget, promiseState, proxyTarget, describeError } = hooks;

  const call = (fn, self, ...args) => apply(fn, self, args);
  const tryCall = (fn, self, ...args) => {
    try {
      return { ok: true, value: apply(fn, self, args) };
    } catch (e) {
      return { ok: false, value: e };
    }
  };
  const iterNext = (it) => call(setIterNext, it);
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
  // The names the hardened prototypes had before their constructor became a
  // thrower (see jsrt.harden).
  const protoNames = new MapCtor();
  call(mapSet, protoNames, FunctionProto, 'Function');
  call(mapSet, protoNames, asyncFnProto, 'AsyncFunction');
  call(mapSet, protoNames, genFnProto, 'GeneratorFunction');
  const protoName = (p) => call(mapGet, protoNames, p);

  // ---- inspect: Node's util.inspect (lib/internal/util/inspect.js) ----
  //
  // The same layout as Node's: depth 2, 100 array items, lines broken at 80
  // columns, up to 3 inner levels kept on one line, long arrays of short
  // items in columns. Every array this code builds has a null prototype and
  // every built-in it calls was captured at start: a setter planted on
  // Array.prototype or Object.prototype never sees a value of the runtime's.

  const list = () => setProto([], null);
  const add = (a, v) => {
    a[a.length] = v;
  };
  const join = (a, sep) => call(arrayJoin, a, sep);
  const repeat = (n) => (n > 0 ? call(stringRepeat, ' ', n) : '');
  const slice = (s, a, b) => call(stringSlice, s, a, b);
  const has = (s, c) => call(stringIndexOf, s, c) !== -1;
  const ownDesc = (o, k) => {
    const d = getOwnDesc(o, k);
    if (d !== undefined) setProto(d, null);
    return d;
  };
  const brand = (fn, v) => tryCall(fn, v).ok;

  // mapPairs and setItems read a Map's or Set's entries with forEach: an
  // iterator's result objects are the engine's own, and a setter planted on
  // Object.prototype.value would see them.
  const mapPairs = (m, max) => {
    const out = list();
    call(mapForEach, m, (v, k) => {
      if (out.length < max) {
        const pair = list();
        pair[0] = k;
        pair[1] = v;
        out[out.length] = pair;
      }
    });
    return out;
  };
  const setItems = (s, max) => {
    const out = list();
    call(setForEach, s, (v) => {
      if (out.length < max) out[out.length] = v;
    });
    return out;
  };

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;

  const hexDigits = '0123456789ABCDEF';
  // meta escapes control characters as Node does (\x00, \b, \t, \n, \x0B, \f, \r, …).
  const metaFor = (c) => {
    switch (c) {
      case 8: return '\\b';
      case 9: return '\\t';
      case 10: return '\\n';
      case 12: return '\\f';
      case 13: return '\\r';
      case 39: return "\\'";
      case 92: return '\\\\';
    }
    return '\\x' + hexDigits[c >> 4] + hexDigits[c & 15];
  };
  const needsEscape = (c, quoteChar) => c < 32 || c === quoteChar || c === 92 || (c >= 0x7f && c <= 0x9f);
  const isLoneSurrogate = (s, i, c) => {
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = i + 1 < s.length ? call(stringCharCodeAt, s, i + 1) : 0;
      return !(n >= 0xdc00 && n <= 0xdfff);
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      const p = i > 0 ? call(stringCharCodeAt, s, i - 1) : 0;
      return !(p >= 0xd800 && p <= 0xdbff);
    }
    return false;
  };
  // quoteString picks single quotes, else double, else backticks (as
  // Node does), and escapes what needs it.
  function quoteString(str) {
    let q = 39;
    if (has(str, "'")) {
      if (!has(str, '"')) q = -1;
      else if (!has(str, '`') && !has(str, '${')) q = -2;
    }
    const parts = list();
    let last = 0;
    const n = str.length;
    for (let i = 0; i < n; i++) {
      const c = call(stringCharCodeAt, str, i);
      let e;
      if (needsEscape(c, q)) e = c === 39 ? "\\'" : metaFor(c);
      else if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(str, i, c)) e = '\\u' + call(numberToString, c, 16);
      else continue;
      add(parts, slice(str, last, i));
      add(parts, e);
      last = i + 1;
    }
    add(parts, slice(str, last, n));
    const body = join(parts, '');
    if (q === -1) return '"' + body + '"';
    if (q === -2) return '`' + body + '`';
    return "'" + body + "'";
  }

  // quoteSymbol escapes what Node escapes in a symbol key's description.
  const quoteSymbol = (str) => {
    const parts = list();
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const c = call(stringCharCodeAt, str, i);
      let e;
      if (needsEscape(c, 39)) e = metaFor(c);
      else if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(str, i, c)) e = '\\u' + call(numberToString, c, 16);
      else continue;
      add(parts, slice(str, last, i));
      add(parts, e);
      last = i + 1;
    }
    if (last === 0) return str;
    add(parts, slice(str, last));
    return join(parts, '');
  };
  // removeColors drops the ANSI escape sequences (ESC [ params final) that
  // stylize adds, to measure a styled string.
  const removeColors = (str) => {
    if (!has(str, '\x1b')) return str;
    const parts = list();
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      if (call(stringCharCodeAt, str, i) !== 27 || str[i + 1] !== '[') continue;
      let j = i + 2;
      while (j < str.length) {
        const c = call(stringCharCodeAt, str, j);
        if (!((c >= 48 && c <= 57) || c === 59 || c === 58)) break;
        j++;
      }
      if (j >= str.length) break;
      add(parts, slice(str, last, i));
      last = j + 1;
      i = j;
    }
    add(parts, slice(str, last));
    return join(parts, '');
  };
  const isIdentKey = (k) => {
    if (k.length === 0) return false;
    for (let i = 0; i < k.length; i++) {
      const c = call(stringCharCodeAt, k, i);
      const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
      if (!(alpha || (i > 0 && c >= 48 && c <= 57))) return false;
    }
    return true;
  };
  const isIndexKey = (k) => {
    if (k.length === 0 || k.length > 10) return false;
    if (k.length > 1 && k[0] === '0') return false;
    for (let i = 0; i < k.length; i++) {
      const c = call(stringCharCodeAt, k, i);
      if (c < 48 || c > 57) return false;
    }
    return NumberCtor(k) < 4294967295;
  };

  // addNumericSeparator groups an integer's digits by three from the
  // right (1_234_567), addNumericSeparatorEnd a fraction's from the left.
  const addNumericSeparator = (digits) => {
    let result = '';
    let i = digits.length;
    const start = call(stringCharCodeAt, digits, 0) === 45 ? 1 : 0;
    for (; i >= start + 4; i -= 3) result = '_' + slice(digits, i - 3, i) + result;
    return i === digits.length ? digits : slice(digits, 0, i) + result;
  };
  const addNumericSeparatorEnd = (digits) => {
    let result = '';
    let i = 0;
    for (; i < digits.length - 3; i += 3) result += slice(digits, i, i + 3) + '_';
    return i === 0 ? digits : result + slice(digits, i);
  };
  // styledNumber and styledBigInt are Node's formatNumber and formatBigInt:
  // styled, with the digits grouped when numericSeparator asks.
  function styledNumber(fn, v, numericSeparator) {
    if (v === 0 && 1 / v < 0) return fn('-0', 'number');
    const str = StringCtor(v);
    if (!numericSeparator || has(str, 'e') || v !== v || !isFiniteNum(v)) return fn(str, 'number');
    const dot = call(stringIndexOf, str, '.');
    if (dot === -1) return fn(addNumericSeparator(str), 'number');
    return fn(addNumericSeparator(slice(str, 0, dot)) + '.' + addNumericSeparatorEnd(slice(str, dot + 1)), 'number');
  }
  const styledBigInt = (fn, v, numericSeparator) => {
    const str = StringCtor(v);
    return fn((numericSeparator ? addNumericSeparator(str) : str) + 'n', 'bigint');
  };
  const stylizeNoColor = (str) => str;
  const symbolString = (v) => call(SymbolToString, v);

  // formatPrimitive styles with fn (ctx.stylize, or no colour).
  function formatPrimitive(fn, value, ctx) {
    switch (typeof value) {
      case 'string': {
        let trailer = '';
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = slice(value, 0, ctx.maxStringLength);
          trailer = '... ' + remaining + ' more character' + (remaining > 1 ? 's' : '');
        }
        // A long string is shown line by line, joined by +, unless compact
        // is true (Node counts code units here, not columns).
        if (ctx.compact !== true && value.length > kMinLineLength && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          const lines = list();
          let last = 0;
          for (let i = 0; i < value.length; i++) {
            if (call(stringCharCodeAt, value, i) === 10) {
              add(lines, fn(quoteString(slice(value, last, i + 1)), 'string'));
              last = i + 1;
            }
          }
          if (last < value.length || lines.length === 0) add(lines, fn(quoteString(slice(value, last)), 'string'));
          return join(lines, ' +\n' + repeat(ctx.indentationLvl + 2)) + trailer;
        }
        return fn(quoteString(value), 'string') + trailer;
      }
      case 'number':
        return styledNumber(fn, value, ctx.numericSeparator);
      case 'bigint':
        return styledBigInt(fn, value, ctx.numericSeparator);
      case 'boolean':
        return fn(value ? 'true' : 'false', 'boolean');
      case 'undefined':
        return fn('undefined', 'undefined');
      default:
        return fn(symbolString(value), 'symbol');
    }
  }
  const kMinLineLength = 16;

  // getConstructorName walks the prototype chain for the first
  // constructor with a name, as Node does; the prototypes the sandbox
  // hardened (their constructor is a thrower) keep their real names.
  function getConstructorName(obj) {
    let firstProto;
    const tmp = obj;
    while (obj !== null && obj !== undefined) {
      const known = protoName(obj);
      if (known !== undefined) return known;
      let d;
      try {
        d = ownDesc(obj, 'constructor');
      } catch (e) {
        d = undefined;
      }
      if (d !== undefined && typeof d.value === 'function') {
        const name = fnName(d.value);
        if (name !== '' && tryCall(isPrototypeOf, protoOf(d.value), tmp).value === true) return name;
      }
      try {
        obj = getProto(obj);
      } catch (e) {
        return '';
      }
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    return 'Object';
  }
  const protoOf = (f) => {
    const d = tryCall(getOwnDesc, null, f, 'prototype');
    if (!d.ok || d.value === undefined) return undefined;
    setProto(d.value, null);
    return d.value.value;
  };
  const fnName = (f) => {
    const d = tryCall(getOwnDesc, null, f, 'name');
    if (!d.ok || d.value === undefined) return '';
    setProto(d.value, null);
    return typeof d.value.value === 'string' ? d.value.value : '';
  };

  function getPrefix(constructor, tag, fallback, size) {
    if (size === undefined) size = '';
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
      return '[' + fallback + size + ': null prototype] ';
    }
    if (tag !== '' && constructor !== tag) return constructor + size + ' [' + tag + '] ';
    return constructor + size + ' ';
  }

  function getKeys(value, showHidden) {
    const out = list();
    const names = showHidden ? getOwnNames(value) : keys(value);
    for (let i = 0; i < names.length; i++) add(out, names[i]);
    const syms = getOwnSymbols(value);
    for (let i = 0; i < syms.length; i++) {
      if (showHidden || call(propertyIsEnumerable, value, syms[i])) add(out, syms[i]);
    }
    return out;
  }
  // Keys of an array or typed array that are not indices.
  function getNonIndexKeys(value, showHidden) {
    const all = getKeys(value, showHidden);
    const out = list();
    for (let i = 0; i < all.length; i++) {
      const k = all[i];
      if (typeof k === 'string' && (isIndexKey(k) || (showHidden && k === 'length' && false))) continue;
      add(out, k);
    }
    return out;
  }

  function getFunctionBase(value, constructor, tag) {
    const src = tryCall(fnToString, value);
    const text = src.ok && typeof src.value === 'string' ? src.value : '';
    if (slice(text, 0, 5) === 'class' && slice(text, text.length - 1) === '}') {
      const name = fnName(value) || '(anonymous)';
      let base = 'class ' + name;
      if (constructor !== 'Function' && constructor !== null) base += ' [' + constructor + ']';
      if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
      if (constructor !== null) {
        const sup = tryCall(getProto, null, value);
        const superName = sup.ok && typeof sup.value === 'function' ? fnName(sup.value) : '';
        if (superName) base += ' extends ' + superName;
      } else {
        base += ' extends [null prototype]';
      }
      return '[' + base + ']';
    }
    let type = 'Function';
    const p = tryCall(getProto, null, value);
    if (p.ok && p.value === genFnProto) type = 'GeneratorFunction';
    else if (p.ok && p.value === asyncFnProto) type = 'AsyncFunction';
    let base = '[' + type;
    if (constructor === null) base += ' (null prototype)';
    const name = fnName(value);
    base += name === '' ? ' (anonymous)' : ': ' + name;
    base += ']';
    if (constructor !== type && constructor !== null) base += ' ' + constructor;
    if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
    return base;
  }

  const typeLower = setProto({ Number: 'number', String: 'string', Boolean: 'boolean', BigInt: 'bigint', Symbol: 'symbol' }, null);
  function getBoxedBase(ctx, value, keysOut, constructor, tag) {
    let type, primitive;
    if (brand(numberValueOf, value)) {
      type = 'Number';
      primitive = call(numberValueOf, value);
    } else if (brand(stringValueOf, value)) {
      type = 'String';
      primitive = call(stringValueOf, value);
      // Drop the index keys of a boxed string.
      const rest = list();
      for (let i = 0; i < keysOut.length; i++) {
        const k = keysOut[i];
        if (!(typeof k === 'string' && isIndexKey(k) && NumberCtor(k) < primitive.length)) add(rest, k);
      }
      keysOut.length = 0;
      for (let i = 0; i < rest.length; i++) add(keysOut, rest[i]);
    } else if (brand(booleanValueOf, value)) {
      type = 'Boolean';
      primitive = call(booleanValueOf, value);
    } else if (bigintValueOf !== undefined && brand(bigintValueOf, value)) {
      type = 'BigInt';
      primitive = call(bigintValueOf, value);
    } else {
      type = 'Symbol';
      primitive = call(symbolValueOf, value);
    }
    let base = '[' + type;
    if (type !== constructor) {
      if (constructor === null) base += ' (null prototype)';
      else base += ' (' + constructor + ')';
    }
    base += ': ' + formatPrimitive(stylizeNoColor, primitive, ctx) + ']';
    if (tag !== '' && tag !== constructor) base += ' [' + tag + ']';
    if (keysOut.length !== 0 || ctx.stylize === stylizeNoColor) return base;
    return ctx.stylize(base, typeLower[type]);
  }
  const isBoxed = (v) => brand(numberValueOf, v) || brand(stringValueOf, v) || brand(booleanValueOf, v) ||
    (bigintValueOf !== undefined && brand(bigintValueOf, v)) || brand(symbolValueOf, v);

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx.stylize, value, ctx);
    if (value === null) return ctx.stylize('null', 'null');
    if (ctx.total > budget) return '…';
    // A proxy is shown as its target, without running its traps.
    const target = proxyTarget(value);
    if (target !== undefined) {
      if (target.target === null) return ctx.stylize('<Revoked Proxy>', 'special');
      if (ctx.showProxy) {
        if (ctx.depth !== null && recurseTimes > ctx.depth) return ctx.stylize('Proxy [Array]', 'special');
        ctx.indentationLvl += 2;
        const res = list();
        add(res, formatValue(ctx, target.target, recurseTimes + 1));
        add(res, formatValue(ctx, target.handler, recurseTimes + 1));
        ctx.indentationLvl -= 2;
        return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes + 1, undefined, false);
      }
      value = target.target;
      if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx.stylize, value, ctx);
    }
    if (ctx.customInspect) {
      const r = tryCall(getProp, null, value, customInspectSymbol);
      const custom = r.ok ? r.value : undefined;
      if (typeof custom === 'function' && custom !== inspectFn) {
        const isProto = tryCall(getOwnDesc, null, value, 'constructor');
        let protoSelf = false;
        if (isProto.ok && isProto.value !== undefined) {
          setProto(isProto.value, null);
          const c = isProto.value.value;
          protoSelf = typeof c === 'function' && protoOf(c) === value;
        }
        if (!protoSelf) {
          const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
          const opts = userOptions(ctx);
          const ret = call(custom, value, depth, opts, inspectFn);
          if (ret !== value) {
            if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
            return replaceNewlines(ret, '\n' + repeat(ctx.indentationLvl));
          }
        }
      }
    }
    for (let i = 0; i < ctx.seen.length; i++) {
      if (ctx.seen[i] === value) {
        let index = 1;
        if (ctx.circular === undefined) {
          ctx.circular = new MapCtor();
          call(mapSet, ctx.circular, value, index);
        } else {
          index = call(mapGet, ctx.circular, value);
          if (index === undefined) {
            index = call(mapSize, ctx.circular) + 1;
            call(mapSet, ctx.circular, value, index);
          }
        }
        return ctx.stylize('[Circular *' + index + ']', 'special');
      }
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }
  const replaceNewlines = (s, by) => {
    const parts = list();
    let last = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\n') {
        add(parts, slice(s, last, i));
        last = i + 1;
      }
    }
    add(parts, slice(s, last, s.length));
    return join(parts, by);
  };
  // userOptions are the options a custom inspect function receives: the
  // context's, and the caller's own extra keys.
  function userOptions(ctx) {
    const o = {};
    const put = (k, v) => defineProp(o, k, setProto({ value: v, writable: true, enumerable: true, configurable: true }, null));
    put('stylize', ctx.stylize);
    for (let i = 0; i < optionNames.length; i++) put(optionNames[i], ctx[optionNames[i]]);
    if (ctx.userOptions !== undefined) {
      const ks = keys(ctx.userOptions);
      for (let i = 0; i < ks.length; i++) put(ks[i], ctx.userOptions[ks[i]]);
    }
    return o;
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keysOut;
    const constructor = getConstructorName(value);
    let tag = '';
    const tr = tryCall(getProp, null, value, SymbolToStringTag);
    if (tr.ok && typeof tr.value === 'string' && tr.value !== '') {
      const own = ctx.showHidden ? call(hasOwn, value, SymbolToStringTag) : call(propertyIsEnumerable, value, SymbolToStringTag);
      if (!own) tag = tr.value;
    }
    let base = '';
    let formatter = () => list();
    let braces;
    let extrasType = kObjectType;
    let done = false;
    // An error's base stands for Node's, its stack: more than one line.
    let baseBreaks = false;

    if (isArray(value)) {
      const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', '(' + value.length + ')') : '';
      keysOut = getNonIndexKeys(value, ctx.showHidden);
      braces = [prefix + '[', ']'];
      if (value.length === 0 && keysOut.length === 0) return braces[0] + ']';
      extrasType = kArrayExtrasType;
      formatter = formatArray;
      done = true;
    } else if (isSet(value)) {
      const size = call(setSize, value);
      const prefix = getPrefix(constructor, tag, 'Set', '(' + size + ')');
      keysOut = getKeys(value, ctx.showHidden);
      formatter = formatSet;
      if (size === 0 && keysOut.length === 0) return prefix + '{}';
      braces = [prefix + '{', '}'];
      done = true;
    } else if (isMap(value)) {
      const size = call(mapSize, value);
      const prefix = getPrefix(constructor, tag, 'Map', '(' + size + ')');
      keysOut = getKeys(value, ctx.showHidden);
      formatter = formatMap;
      if (size === 0 && keysOut.length === 0) return prefix + '{}';
      braces = [prefix + '{', '}'];
      done = true;
    } else {
      const ta = typedArrayName(value);
      if (ta !== undefined) {
        keysOut = getNonIndexKeys(value, ctx.showHidden);
        const size = call(typedArrayLength, value);
        const prefix = getPrefix(constructor, tag, ta, '(' + size + ')');
        braces = [prefix + '[', ']'];
        if (size === 0 && keysOut.length === 0 && !ctx.showHidden) return braces[0] + ']';
        formatter = formatTypedArray;
        extrasType = kArrayExtrasType;
        done = true;
      }
    }
    if (!done) {
      keysOut = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (constructor === 'Object' && !isError(value) && typeof value !== 'function' && !isBoxed(value) &&
          !isDate(value) && !isRegExp(value) && !isArrayBuffer(value) && !isDataView(value) && !isPromise(value) &&
          !isWeakMap(value) && !isWeakSet(value)) {
        if (call(objToString, value) === '[object Arguments]') braces[0] = '[Arguments] {';
        else if (tag !== '') braces[0] = getPrefix(constructor, tag, 'Object') + '{';
        if (keysOut.length === 0) return braces[0] + '}';
      } else if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keysOut.length === 0) return ctx.stylize(base, 'special');
      } else if (isRegExp(value)) {
        base = '/' + call(regexpSource, value) + '/' + call(regexpFlags, value);
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = prefix + base;
        if (keysOut.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) return ctx.stylize(base, 'regexp');
      } else if (isDate(value)) {
        const t = call(dateGetTime, value);
        if (t !== t) return ctx.stylize('Invalid Date', 'date');
        base = call(dateToISO, value);
        if (keysOut.length === 0) return ctx.stylize(base, 'date');
      } else if (isError(value)) {
        base = describeError(value);
        const rest = list();
        for (let i = 0; i < keysOut.length; i++) if (keysOut[i] !== 'cause' && keysOut[i] !== 'stack' && keysOut[i] !== 'message') add(rest, keysOut[i]);
        keysOut = rest;
        if (keysOut.length === 0) return base;
        baseBreaks = true;
      } else if (isArrayBuffer(value)) {
        const prefix = getPrefix(constructor, tag, 'ArrayBuffer');
        if (typedArray) {
          return prefix + '{ [byteLength]: ' + styledNumber(ctx.stylize, call(arrayBufferByteLength, value), false) + ' }';
        }
        formatter = formatArrayBuffer;
        braces[0] = prefix + '{';
        const k2 = list();
        add(k2, 'byteLength');
        for (let i = 0; i < keysOut.length; i++) add(k2, keysOut[i]);
        keysOut = k2;
      } else if (isDataView(value)) {
        braces[0] = getPrefix(constructor, tag, 'DataView') + '{';
        const k2 = list();
        add(k2, 'byteLength');
        add(k2, 'byteOffset');
        add(k2, 'buffer');
        for (let i = 0; i < keysOut.length; i++) add(k2, keysOut[i]);
        keysOut = k2;
      } else if (isPromise(value)) {
        braces[0] = getPrefix(constructor, tag, 'Promise') + '{';
        formatter = formatPromise;
      } else if (isWeakSet(value)) {
        braces[0] = getPrefix(constructor, tag, 'WeakSet') + '{';
        formatter = itemsUnknown;
      } else if (isWeakMap(value)) {
        braces[0] = getPrefix(constructor, tag, 'WeakMap') + '{';
        formatter = itemsUnknown;
      } else if (isBoxed(value)) {
        base = getBoxedBase(ctx, value, keysOut, constructor, tag);
        if (keysOut.length === 0) return base;
      } else {
        if (keysOut.length === 0) return getPrefix(constructor, tag, 'Object') + '{}';
        braces[0] = getPrefix(constructor, tag, 'Object') + '{';
      }
    }

    if (ctx.depth !== null && recurseTimes > ctx.depth) {
      let name = slice(getPrefix(constructor, tag, 'Object'), 0, -1);
      if (constructor !== null) name = '[' + name + ']';
      return ctx.stylize(name, 'special');
    }
    recurseTimes += 1;
    add(ctx.seen, value);
    ctx.currentDepth = recurseTimes;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keysOut.length; i++) {
        add(output, formatProperty(ctx, value, recurseTimes, keysOut[i], extrasType));
      }
    } finally {
      ctx.seen.length = ctx.seen.length - 1;
    }
    if (ctx.circular !== undefined) {
      const index = call(mapGet, ctx.circular, value);
      if (index !== undefined) {
        const reference = ctx.stylize('<ref *' + index + '>', 'special');
        // At the very start: before the braces when compact is true.
        if (ctx.compact !== true) base = base === '' ? reference : reference + ' ' + base;
        else braces[0] = reference + ' ' + braces[0];
      }
    }
    if (ctx.sorted) {
      const cmp = typeof ctx.sorted === 'function' ? ctx.sorted : undefined;
      if (extrasType === kObjectType) {
        call(arraySort, output, cmp);
      } else if (keysOut.length > 1) {
        const head = list();
        const tail = list();
        for (let i = 0; i < output.length; i++) add(i < output.length - keysOut.length ? head : tail, output[i]);
        call(arraySort, tail, cmp);
        for (let i = 0; i < tail.length; i++) add(head, tail[i]);
        output = head;
      }
    }
    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value, baseBreaks);
    ctx.total += res.length;
    return res;
  }

  const itemsUnknown = (ctx) => {
    const o = list();
    add(o, ctx.stylize('<items unknown>', 'special'));
    return o;
  };
  const moreItems = (n) => '... ' + n + ' more item' + (n > 1 ? 's' : '');

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = mathMin(mathMax(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = list();
    for (let i = 0; i < len; i++) {
      if (!call(hasOwn, value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      add(output, formatProperty(ctx, value, recurseTimes, i, kArrayType));
      if (ctx.total > budget) break;
    }
    if (remaining > 0) add(output, moreItems(remaining));
    return output;
  }

  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const ks = keys(value);
    let index = i;
    for (; i < ks.length && output.length < maxLength; i++) {
      const key = ks[i];
      const tmp = NumberCtor(key);
      if (tmp > 4294967294) break;
      if ('' + index !== key) {
        if (!isIndexKey(key)) break;
        const emptyItems = tmp - index;
        add(output, ctx.stylize('<' + emptyItems + ' empty item' + (emptyItems > 1 ? 's' : '') + '>', 'undefined'));
        index = tmp;
        if (output.length === maxLength) break;
      }
      add(output, formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) add(output, ctx.stylize('<' + remaining + ' empty item' + (remaining > 1 ? 's' : '') + '>', 'undefined'));
    } else if (remaining > 0) {
      add(output, moreItems(remaining));
    }
    return output;
  }

  function formatSet(ctx, value, recurseTimes) {
    const length = call(setSize, value);
    const maxLength = mathMin(mathMax(0, ctx.maxArrayLength), length);
    const output = list();
    ctx.indentationLvl += 2;
    const items = setItems(value, maxLength);
    for (let i = 0; i < items.length; i++) add(output, formatValue(ctx, items[i], recurseTimes));
    if (length > maxLength) add(output, moreItems(length - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const length = call(mapSize, value);
    const maxLength = mathMin(mathMax(0, ctx.maxArrayLength), length);
    const output = list();
    ctx.indentationLvl += 2;
    const pairs = mapPairs(value, maxLength);
    for (let i = 0; i < pairs.length; i++) {
      add(output, formatValue(ctx, pairs[i][0], recurseTimes) + ' => ' + formatValue(ctx, pairs[i][1], recurseTimes));
    }
    if (length > maxLength) add(output, moreItems(length - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatTypedArray(ctx, value, recurseTimes) {
    const length = call(typedArrayLength, value);
    const maxLength = mathMin(mathMax(0, ctx.maxArrayLength), length);
    const output = list();
    for (let i = 0; i < maxLength; i++) {
      const v = value[i];
      add(output, typeof v === 'bigint' ? styledBigInt(ctx.stylize, v, ctx.numericSeparator) : styledNumber(ctx.stylize, v, ctx.numericSeparator));
    }
    if (length > maxLength) add(output, moreItems(length - maxLength));
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      const extra = [['BYTES_PER_ELEMENT', value.BYTES_PER_ELEMENT], ['length', length],
        ['byteLength', call(typedArrayByteLength, value)], ['byteOffset', call(typedArrayByteOffset, value)],
        ['buffer', call(typedArrayBuffer, value)]];
      for (let i = 0; i < extra.length; i++) add(output, '[' + extra[i][0] + ']: ' + formatValue(ctx, extra[i][1], recurseTimes, true));
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    const valLen = call(arrayBufferByteLength, value);
    const len = mathMin(mathMax(0, ctx.maxArrayLength), valLen);
    const bytes = new Uint8ArrayCtor(value, 0, len);
    const hex = list();
    for (let i = 0; i < len; i++) {
      const b = bytes[i];
      add(hex, hexDigitsLower[b >> 4] + hexDigitsLower[b & 15]);
    }
    let str = join(hex, ' ');
    const remaining = valLen - len;
    if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
    const out = list();
    add(out, ctx.stylize('[Uint8Contents]', 'special') + ': <' + str + '>');
    return out;
  }
  const hexDigitsLower = '0123456789abcdef';

  function formatPromise(ctx, value, recurseTimes) {
    const st = promiseState(value);
    const output = list();
    if (st === undefined || st.state === 'pending') {
      add(output, ctx.stylize('<pending>', 'special'));
    } else {
      ctx.indentationLvl += 2;
      const str = formatValue(ctx, st.value, recurseTimes);
      ctx.indentationLvl -= 2;
      add(output, st.state === 'rejected' ? ctx.stylize('<rejected>', 'special') + ' ' + str : str);
    }
    return output;
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    let name, str;
    let extra = ' ';
    let desc = ownDesc(value, key);
    if (desc === undefined) {
      // A key that is no own property (an ArrayBuffer's byteLength) shows
      // as Node 24 shows it: in brackets, styled as a string.
      ctx.indentationLvl += 2;
      str = formatValue(ctx, value[key], recurseTimes);
      ctx.indentationLvl -= 2;
      return ctx.stylize('[' + key + ']', 'string') + ': ' + str;
    }
    const s = ctx.stylize;
    if (desc.value !== undefined) {
      // compact: true indents an object's values by 3 and moves a value
      // wider than the line below its key.
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < stringWidth(ctx.colors ? removeColors(str) : str)) extra = '\n' + repeat(ctx.indentationLvl);
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined))) {
        ctx.indentationLvl += 2;
        const r = tryCall(desc.get, value);
        if (!r.ok) {
          str = s('[' + label + ':', 'special') + ' <Inspection threw (' + formatValue(ctx, r.value, recurseTimes) + ')>' + s(']', 'special');
        } else {
          const tmp = r.value;
          if (tmp === null) str = s('[' + label + ':', 'special') + ' ' + s('null', 'null') + s(']', 'special');
          else if (typeof tmp === 'object' || typeof tmp === 'function') str = s('[' + label + ']', 'special') + ' ' + formatValue(ctx, tmp, recurseTimes);
          else str = s('[' + label + ':', 'special') + ' ' + formatPrimitive(s, tmp, ctx) + s(']', 'special');
        }
        ctx.indentationLvl -= 2;
      } else {
        str = s('[' + label + ']', 'special');
      }
    } else if (desc.set !== undefined) {
      str = s('[Setter]', 'special');
    } else {
      str = s('undefined', 'undefined');
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') {
      name = s(quoteSymbol(symbolString(key)), 'symbol');
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (isIdentKey(key)) {
      name = s(key, 'name');
    } else {
      name = s(quoteString(key), 'string');
    }
    if (desc.enumerable === false) name = '[' + name + ']';
    return name + ':' + extra + str;
  }

  function isBelowBreakLength(ctx, output, start, base, baseBreaks) {
    if (baseBreaks) return false;
    // With no limit, one line unless an entry has a line break.
    if (ctx.breakLength === Infinity) {
      if (base !== '' && has(base, '\n')) return false;
      for (let i = 0; i < output.length; i++) if (has(output[i], '\n')) return false;
      return true;
    }
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += ctx.colors ? removeColors(output[i]).length : output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !has(base, '\n');
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value, baseBreaks) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base, baseBreaks)) {
            const joined = join(output, ', ');
            if (!has(joined, '\n')) {
              return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
            }
          }
        }
      }
      const indentation = '\n' + repeat(ctx.indentationLvl);
      return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + join(output, ',' + indentation + '  ') + indentation + braces[1];
    }
    if (isBelowBreakLength(ctx, output, 0, base, baseBreaks)) {
      return braces[0] + (base ? ' ' + base : '') + ' ' + join(output, ', ') + ' ' + braces[1];
    }
    const indentation = repeat(ctx.indentationLvl);
    const ln = base === '' && braces[0].length === 1 ? ' ' : (base ? ' ' + base : '') + '\n' + indentation + '  ';
    return braces[0] + ln + join(output, ',\n' + indentation + '  ') + ' ' + braces[1];
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = list();
    for (let i = 0; i < outputLength; i++) {
      const len = stringWidth(ctx.colors ? removeColors(output[i]) : output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = mathSqrt(actualMax - totalLength / output.length);
      const biasedMax = mathMax(actualMax - 3 - averageBias, 1);
      const columns = mathMin(
        mathRound(mathSqrt(2.5 * biasedMax * outputLength) / biasedMax),
        mathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = list();
      const maxLineLength = list();
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        add(maxLineLength, lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          const t = typeof value[i];
          if (t !== 'number' && t !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = mathMin(i + columns, outputLength);
        let str = '';
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
          str += call(padStart ? stringPadStart : stringPadEnd, output[j] + ', ', padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          str += call(stringPadStart, output[j], padding, ' ');
        } else {
          str += output[j];
        }
        add(tmp, str);
      }
      if (ctx.maxArrayLength < output.length) add(tmp, output[outputLength]);
      output = tmp;
    }
    return output;
  }

  // stringWidth counts the columns a string takes in a terminal: full-width
  // East Asian characters two, combining marks none.
  function stringWidth(s) {
    let width = 0;
    for (let i = 0; i < s.length; i++) {
      let c = call(stringCharCodeAt, s, i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = call(stringCharCodeAt, s, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
          i++;
        }
      }
      if (isZeroWidth(c)) continue;
      width += isFullWidth(c) ? 2 : 1;
    }
    return width;
  }
  const isZeroWidth = (c) => c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x200b && c <= 0x200f) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) ||
    (c >= 0xfe20 && c <= 0xfe2f) || (c >= 0xe0100 && c <= 0xe01ef);
  const isFullWidth = (c) => c >= 0x1100 && (c <= 0x115f || c === 0x2329 || c === 0x232a ||
    (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) || (c >= 0x3250 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0xa4c6) ||
    (c >= 0xa960 && c <= 0xa97c) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6b) || (c >= 0xff01 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1b000 && c <= 0x1b001) || (c >= 0x1f200 && c <= 0x1f251) ||
    (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd));

  // defaultOptions is util.inspect.defaultOptions, which code may change
  // (console.log follows it too, as in Node). Sealed: its keys stay own
  // data properties, so reading one never reaches Object.prototype.
  const defaultOptions = seal({
    showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100,
    maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false,
  });
  const optionNames = keys(defaultOptions);
  const isOptionName = (k) => {
    for (let i = 0; i < optionNames.length; i++) if (optionNames[i] === k) return true;
    return false;
  };

  // colors and styles are util.inspect.colors and util.inspect.styles:
  // [open, close] ANSI codes by name, and the colour of each kind of value.
  const colors = setProto({
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
    inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
    black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39],
    cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49],
    bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49], framed: [51, 54], overlined: [53, 55],
    gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39],
    magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49],
    bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
  }, null);
  const colorAliases = [['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'],
    ['faint', 'dim'], ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'], ['crossedOut', 'strikethrough'],
    ['conceal', 'hidden'], ['swapColors', 'inverse'], ['swapcolors', 'inverse'], ['doubleUnderline', 'doubleunderline']];
  for (let i = 0; i < colorAliases.length; i++) {
    const target = colorAliases[i][1];
    defineProp(colors, colorAliases[i][0], setProto({
      get() { return this[target]; },
      set(v) { this[target] = v; },
      configurable: true, enumerable: false,
    }, null));
  }
  const styles = setProto({
    special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
    string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
  }, null);
  function stylizeWithColor(str, styleType) {
    const style = styles[styleType];
    if (style !== undefined) {
      const color = colors[style];
      if (color !== undefined) return '\x1b[' + color[0] + 'm' + str + '\x1b[' + color[1] + 'm';
    }
    return str;
  }

  // inspect(value, options) is util.inspect; inspect(value, showHidden,
  // depth, colors) its legacy form.
  function inspect(value, opts) {
    const ctx = setProto({
      budget: 0, total: 0, indentationLvl: 0, seen: list(), currentDepth: 0, circular: undefined,
      stylize: stylizeNoColor, userOptions: undefined,
    }, null);
    for (let i = 0; i < optionNames.length; i++) ctx[optionNames[i]] = defaultOptions[optionNames[i]];
    const n = arguments.length;
    if (n > 1) {
      if (n > 2) {
        if (arguments[2] !== undefined) ctx.depth = arguments[2];
        if (n > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
      }
      if (typeof opts === 'boolean') {
        ctx.showHidden = opts;
      } else if (opts) {
        const ks = keys(opts);
        for (let i = 0; i < ks.length; i++) {
          const k = ks[i];
          if (isOptionName(k) || k === 'stylize') ctx[k] = opts[k];
          else if (ctx.userOptions === undefined) ctx.userOptions = opts;
        }
      }
    }
    if (ctx.colors) ctx.stylize = stylizeWithColor;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  const inspectFn = function inspect(value, opts) {
    return apply(inspectImpl, undefined, arguments);
  };
  const inspectImpl = inspect;
  const valueProp = (v) => setProto({ value: v, writable: true, enumerable: true, configurable: true }, null);
  defineProp(inspectFn, 'custom', valueProp(customInspectSymbol));
  defineProp(inspectFn, 'defaultOptions', setProto({
    get() { return defaultOptions; },
    set(options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      const ks = keys(options);
      for (let i = 0; i < ks.length; i++) {
        if (!isOptionName(ks[i])) throw new TypeErrorCtor('Cannot add property ' + ks[i] + ', object is not extensible');
        defaultOptions[ks[i]] = options[ks[i]];
      }
      return defaultOptions;
    },
    enumerable: true, configurable: true,
  }, null));
  defineProp(inspectFn, 'colors', valueProp(colors));
  defineProp(inspectFn, 'styles', valueProp(styles));

  // invalidArgType is Node's ERR_INVALID_ARG_TYPE.
  function invalidArgType(name, expected, actual) {
    let received;
    if (actual === null || actual === undefined) received = ' Received ' + actual;
    else if (typeof actual === 'function') received = ' Received function ' + fnName(actual);
    else if (typeof actual === 'object') {
      const c = getConstructorName(actual);
      received = c ? ' Received an instance of ' + c : ' Received ' + inspect(actual, setProto({ depth: -1 }, null));
    } else {
      let shown = inspect(actual, setProto({ colors: false }, null));
      if (shown.length > 28) shown = slice(shown, 0, 25) + '...';
      received = ' Received type ' + typeof actual + ' (' + shown + ')';
    }
    const e = new TypeErrorCtor('The "' + name + '" argument must be ' + expected + '.' + received);
    defineProp(e, 'code', valueProp('ERR_INVALID_ARG_TYPE'));
    return e;
  }

  // builtInNames are the global constructors whose toString counts as
  // built-in for %s.
  let builtInNames;
  const isBuiltInName = (n) => {
    if (builtInNames === undefined) {
      builtInNames = new SetCtor();
      const names = getOwnNames(globalThis);
      for (let i = 0; i < names.length; i++) {
        const c = call(stringCharCodeAt, names[i], 0);
        if (c >= 65 && c <= 90) call(setAdd, builtInNames, names[i]);
      }
      call(setAdd, builtInNames, 'Function');
    }
    return call(setHas, builtInNames, n);
  };

  // hasBuiltInToString: %s inspects an object unless it has a toString of
  // its own making.
  function hasBuiltInToString(value) {
    if (proxyTarget(value) !== undefined) return true;
    const t = tryCall(getProp, null, value, 'toString');
    if (!t.ok || typeof t.value !== 'function') return true;
    if (call(hasOwn, value, 'toString')) return false;
    let pointer = value;
    do {
      pointer = getProto(pointer);
    } while (pointer !== null && !call(hasOwn, pointer, 'toString'));
    if (pointer === null) return true;
    const d = ownDesc(pointer, 'constructor');
    return d !== undefined && typeof d.value === 'function' && isBuiltInName(fnName(d.value));
  }

  // format is util.formatWithOptions: printf-like directives in a leading
  // string, the rest inspected and joined by spaces.
  function formatWithOptions(inspectOptions, args) {
    // %d, %i, %f and %s of a number: no colour, digits grouped as asked.
    let numSep = inspectOptions ? inspectOptions.numericSeparator : undefined;
    if (numSep === undefined || numSep === null) numSep = defaultOptions.numericSeparator;
    const numberNoColor = (v) => styledNumber(stylizeNoColor, v, numSep);
    const bigIntNoColor = (v) => styledBigInt(stylizeNoColor, v, numSep);
    const first = args[0];
    let a = 0;
    let str = '';
    let sep = '';
    const withOpts = (extra) => {
      const o = setProto({}, null);
      if (inspectOptions) for (let i = 0; i < optionNames.length; i++) if (call(hasOwn, inspectOptions, optionNames[i])) o[optionNames[i]] = inspectOptions[optionNames[i]];
      if (extra) { const ks = keys(extra); for (let i = 0; i < ks.length; i++) o[ks[i]] = extra[ks[i]]; }
      return o;
    };
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (call(stringCharCodeAt, first, i) !== 37) continue;
        const nextChar = call(stringCharCodeAt, first, ++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // s
              const t = args[++a];
              if (typeof t === 'number') tempStr = numberNoColor(t);
              else if (typeof t === 'bigint') tempStr = bigIntNoColor(t);
              else if (typeof t !== 'object' || t === null || !hasBuiltInToString(t)) tempStr = StringCtor(t);
              else tempStr = inspect(t, withOpts({ depth: 0, colors: false, compact: 3 }));
              break;
            }
            case 106: { // j
              const r = tryCall(jsonStringify, null, args[++a]);
              if (r.ok) tempStr = StringCtor(r.value);
              else {
                const m = tryCall(getProp, null, r.value, 'message');
                if (m.ok && typeof m.value === 'string' && has(m.value, 'circular')) tempStr = '[Circular]';
                else throw r.value;
              }
              break;
            }
            case 100: { // d
              const t = args[++a];
              if (typeof t === 'bigint') tempStr = bigIntNoColor(t);
              else if (typeof t === 'symbol') tempStr = 'NaN';
              else tempStr = numberNoColor(NumberCtor(t));
              break;
            }
            case 79: // O
              tempStr = inspect(args[++a], withOpts());
              break;
            case 111: // o
              tempStr = inspect(args[++a], withOpts({ showHidden: true, showProxy: true, depth: 4 }));
              break;
            case 105: { // i
              const t = args[++a];
              if (typeof t === 'bigint') tempStr = bigIntNoColor(t);
              else if (typeof t === 'symbol') tempStr = 'NaN';
              else tempStr = numberNoColor(parseIntFn(t));
              break;
            }
            case 102: { // f
              const t = args[++a];
              tempStr = typeof t === 'symbol' ? 'NaN' : numberNoColor(parseFloatFn(t));
              break;
            }
            case 99: // c
              a += 1;
              tempStr = '';
              break;
            case 37: // %
              str += slice(first, lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += slice(first, lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += slice(first, lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        sep = ' ';
        if (lastPos < first.length) str += slice(first, lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += sep;
      str += typeof value !== 'string' ? inspect(value, withOpts()) : value;
      sep = ' ';
      a++;
    }
    return str;
  }
  const format = (args) => formatWithOptions(undefined, args);
  const inspectNested = (v) => inspect(v);

  // util's format and formatWithOptions, over the same code as console's.
  const restArgs = (args, from) => {
    const out = list();
    for (let i = from; i < args.length; i++) add(out, args[i]);
    return out;
  };
  const formatArgs = formatWithOptions;
  const utilFormat = function format(...args) {
    return formatArgs(undefined, restArgs(arguments, 0));
  };
  const utilFormatWithOptions = function formatWithOptions(inspectOptions, ...args) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw invalidArgType('inspectOptions', 'of type object', inspectOptions);
    }
    return formatArgs(inspectOptions, restArgs(arguments, 1));
  };
  const util = freeze(setProto({ inspect: inspectFn, format: utilFormat, formatWithOptions: utilFormatWithOptions }, null));

  // ---- console.table (Node's lib/internal/cli_table.js) ----

  function renderRow(row, widths) {
    let out = '│ ';
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      out += cell + repeat(widths[i] - stringWidth(cell));
      if (i !== row.length - 1) out += ' │ ';
    }
    return out + ' │';
  }
  function cliTable(head, columns) {
    const rows = list();
    const widths = list();
    for (let i = 0; i < head.length; i++) add(widths, stringWidth(head[i]));
    let longest = 0;
    for (let i = 0; i < columns.length; i++) if (columns[i].length > longest) longest = columns[i].length;
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < longest; j++) {
        if (rows[j] === undefined) rows[j] = list();
        const v = call(hasOwn, column, j) ? column[j] : '';
        rows[j][i] = v;
        const w = stringWidth(v);
        if (w > (widths[i] || 0)) widths[i] = w;
      }
    }
    const divider = list();
    for (let i = 0; i < widths.length; i++) add(divider, call(stringRepeat, '─', widths[i] + 2));
    let result = '┌' + join(divider, '┬') + '┐\n' + renderRow(head, widths) + '\n' + '├' + join(divider, '┼') + '┤\n';
    for (let i = 0; i < rows.length; i++) result += renderRow(rows[i], widths) + '\n';
    return result + '└' + join(divider, '┴') + '┘';
  }

  // table(data, properties) returns the text console.table prints, or
  // undefined when it prints data as console.log would.
  function table(data, properties) {
    if (properties !== undefined && !isArray(properties)) {
      throw new TypeErrorCtor('The "properties" argument must be an instance of Array.');
    }
    if (data === null || typeof data !== 'object') return undefined;
    const cell = (v) => {
      const depth = v !== null && typeof v === 'object' && !isArray(v) && keys(v).length > 2 ? -1 : 0;
      return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
    };
    const indexArray = (n) => {
      const a = list();
      for (let i = 0; i < n; i++) add(a, cell(i));
      return a;
    };
    const head = list();
    const cols = list();
    if (isMap(data)) {
      const ks = list();
      const vs = list();
      const pairs = mapPairs(data, Infinity);
      for (let i = 0; i < pairs.length; i++) {
        add(ks, cell(pairs[i][0]));
        add(vs, cell(pairs[i][1]));
      }
      add(head, '(iteration index)'); add(head, 'Key'); add(head, 'Values');
      add(cols, indexArray(ks.length)); add(cols, ks); add(cols, vs);
      return cliTable(head, cols);
    }
    if (isSet(data)) {
      const vs = list();
      const items = setItems(data, Infinity);
      for (let i = 0; i < items.length; i++) add(vs, cell(items[i]));
      add(head, '(iteration index)'); add(head, 'Values');
      add(cols, indexArray(vs.length)); add(cols, vs);
      return cliTable(head, cols);
    }
    const map = new MapCtor();
    const order = list();
    let hasPrimitives = false;
    const valuesCol = list();
    const indexKeys = keys(data);
    for (let i = 0; i < indexKeys.length; i++) {
      const item = data[indexKeys[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesCol[i] = cell(item);
      } else {
        const ks = properties || keys(item);
        for (let k = 0; k < ks.length; k++) {
          const key = ks[k];
          let col = call(mapGet, map, key);
          if (col === undefined) {
            col = list();
            call(mapSet, map, key, col);
            add(order, key);
          }
          if ((primitive && properties) || !call(hasOwn, item, key)) col[i] = '';
          else col[i] = cell(item[key]);
        }
      }
    }
    // The columns in the order of an object's keys: indices first, in
    // ascending order, then the rest as they came (Node keeps them in an
    // object).
    const indexCols = list();
    const otherCols = list();
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      add(typeof k === 'string' && isIndexKey(k) ? indexCols : typeof k === 'number' && k >= 0 && k === mathFloor(k) ? indexCols : otherCols, k);
    }
    call(arraySort, indexCols, (x, y) => NumberCtor(x) - NumberCtor(y));
    order.length = 0;
    for (let i = 0; i < indexCols.length; i++) add(order, indexCols[i]);
    for (let i = 0; i < otherCols.length; i++) add(order, otherCols[i]);
    add(head, '(index)');
    const idx = list();
    for (let i = 0; i < indexKeys.length; i++) add(idx, indexKeys[i]);
    add(cols, idx);
    for (let i = 0; i < order.length; i++) {
      add(head, StringCtor(order[i]));
      add(cols, call(mapGet, map, order[i]));
    }
    if (hasPrimitives) {
      add(head, 'Values');
      add(cols, valuesCol);
    }
    return cliTable(head, cols);
  }

  // ---- the rest of console: what console.log's path does not need ----

  // makeConsole returns the console methods jsrt makes only when a job
  // first calls one (glue.go): write emits an indented line, format is
  // util.format.
  function makeConsole(write, format, hrnow, callStack) {
    const counts = new MapCtor();
    const timers = new MapCtor();
    const argList = (args, from) => {
      const out = list();
      for (let i = from; i < args.length; i++) out[i - from] = args[i];
      return out;
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
    return freeze(setProto({
      trace: function trace() {
        write('error', 'Trace' + (arguments.length ? ': ' + format(argList(arguments, 0)) : '') + callStack());
      },
      dir(obj, options) {
        const o = setProto({ customInspect: false }, null);
        if (options !== null && typeof options === 'object') {
          const ks = keys(options);
          for (let i = 0; i < ks.length; i++) o[ks[i]] = options[ks[i]];
        }
        write('log', inspect(obj, o));
      },
      table(data, properties) {
        const t = table(data, properties);
        write('log', t === undefined ? format(argList(arguments, 0)) : t);
      },
      assert(cond) {
        if (cond) return;
        const args = argList(arguments, 1);
        if (typeof args[0] === 'string') {
          args[0] = 'Assertion failed: ' + args[0];
          write('warn', format(args));
          return;
        }
        const rest = list();
        rest[0] = 'Assertion failed';
        for (let i = 0; i < args.length; i++) rest[i + 1] = args[i];
        write('warn', format(rest));
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
    }, null));
  }

  // ---- structuredClone (the HTML structured clone algorithm, for the types a sandbox has) ----

  const dataCloneError = (what) => {
    const e = new ErrorCtor(what + ' could not be cloned.');
    defineProp(e, 'name', setProto({ value: 'DataCloneError', configurable: true, writable: true }, null));
    return e;
  };
  // put creates an own data property, as the structured clone algorithm
  // does: an assignment would run setters, and a "__proto__" key would set
  // the clone's prototype instead of copying the property.
  const put = (o, k, v) => defineProp(o, k, setProto({ value: v, writable: true, enumerable: true, configurable: true }, null));
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
      const pairs = mapPairs(v, Infinity);
      for (let i = 0; i < pairs.length; i++) {
        const r = setProto({ value: pairs[i] }, null);
        call(mapSet, out, clone(r.value[0], memory), clone(r.value[1], memory));
      }
      return out;
    } else if (isSet(v)) {
      out = new SetCtor();
      call(mapSet, memory, v, out);
      const items = setItems(v, Infinity);
      for (let i = 0; i < items.length; i++) call(setAdd, out, clone(items[i], memory));
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
      if (typeof v.stack === 'string') defineProp(out, 'stack', setProto({ value: v.stack, configurable: true, writable: true }, null));
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
    formatWithOptions: formatWithOptions,
    inspect: inspectFn,
    inspectNested: inspectNested,
    table: table,
    console: makeConsole,
    util: util,
    structuredClone: (value) => clone(value, new MapCtor()),
  });
});
