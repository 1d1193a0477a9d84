'use strict';
// querystring: Node 24's own lib/querystring.js, with escape and stringify
// built on arrays and the engine's encodeURIComponent (the same characters
// escaped, the same URIError for a lone surrogate): Node's concatenate a
// string piece by piece, which goja makes quadratic.
const node = require('./node/querystring.js');
const { nodeError } = require('./errors');

const ArrayIsArray = Array.isArray;
const ObjectKeys = Object.keys;
const NumberIsFinite = Number.isFinite;
const MathAbs = Math.abs;
const encodeURIComponentFn = encodeURIComponent;
const ReflectApply = Reflect.apply;
const ArrayPrototypeJoin = Array.prototype.join;

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  try {
    return encodeURIComponentFn(str);
  } catch {
    throw nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && NumberIsFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && NumberIsFinite(v)) return MathAbs(v) < 1e21 ? '' + v : encode('' + v);
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringifiedCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  let encode = qs.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === qsEscape ? encodeStringified : encodeStringifiedCustom;
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  let n = 0;
  const keys = ObjectKeys(obj);
  for (let i = 0; i < keys.length; ++i) {
    const k = keys[i];
    const v = obj[k];
    const ks = convert(k, encode) + eq;
    if (ArrayIsArray(v)) {
      for (let j = 0; j < v.length; ++j) fields[n++] = ks + convert(v[j], encode);
    } else {
      fields[n++] = ks + convert(v, encode);
    }
  }
  return ReflectApply(ArrayPrototypeJoin, fields, [sep]);
}

const qs = {
  unescapeBuffer: node.unescapeBuffer,
  unescape: node.unescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse: node.parse,
  decode: node.decode,
};
module.exports = qs;
