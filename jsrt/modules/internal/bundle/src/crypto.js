'use strict';
// crypto: hashes and HMACs computed by the runtime in Go (crypto/*), random
// values from its generator, and Node 24's API and errors around them.

const { Buffer } = require('buffer');
const { nodeError, invalidArgType, outOfRange } = require('./errors');

const isView = ArrayBuffer.isView;
const kHandle = Symbol('kHandle');
const kFinal = Symbol('kFinal');

function toBytes(data, encoding, name, what) {
  if (typeof data === 'string') return Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding);
  if (isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (what && data instanceof ArrayBuffer) return new Uint8Array(data);
  throw invalidArgType(name, 'of type string or an instance of ' + (what || 'Buffer, TypedArray, or DataView'), data);
}

function output(ab, encoding) {
  const buf = Buffer.from(ab);
  return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
}

class Hash {
  constructor(algorithm, options) {
    if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
    const h = host.hashNew(algorithm, options && options.outputLength);
    if (h === null) throw new Error('Digest method not supported');
    this[kHandle] = h;
    this[kFinal] = false;
  }

  update(data, encoding) {
    if (this[kFinal]) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this[kHandle].update(toBytes(data, encoding, 'data'));
    return this;
  }

  digest(encoding) {
    if (this[kFinal]) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this[kFinal] = true;
    return output(this[kHandle].sum(), encoding);
  }

  copy() {
    if (this[kFinal]) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    const c = Object.create(Hash.prototype);
    c[kHandle] = this[kHandle].copy();
    c[kFinal] = false;
    return c;
  }
}

class Hmac {
  constructor(algorithm, key) {
    if (typeof algorithm !== 'string') throw invalidArgType('hmac', 'of type string', algorithm);
    const k = toBytes(key, 'utf8', 'key', 'ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey');
    const h = host.hmacNew(algorithm, k);
    if (h === null) throw new TypeError('Invalid digest: ' + algorithm);
    this[kHandle] = h;
    this[kFinal] = false;
  }

  update(data, encoding) {
    if (this[kFinal]) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this[kHandle].update(toBytes(data, encoding, 'data'));
    return this;
  }

  digest(encoding) {
    // Node: a second digest of an Hmac gives an empty result, not an error.
    if (this[kFinal]) return output(new ArrayBuffer(0), encoding);
    this[kFinal] = true;
    return output(this[kHandle].sum(), encoding);
  }
}

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(algorithm, key) {
  return new Hmac(algorithm, key);
}

function hash(algorithm, data, outputEncoding = 'hex') {
  if (typeof data !== 'string' && !isView(data)) {
    throw invalidArgType('input', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  return new Hash(algorithm).update(data).digest(outputEncoding);
}

const kMaxSize = 2 ** 31 - 1;

function checkSize(size) {
  if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxSize)) throw outOfRange('size', '>= 0 && <= ' + kMaxSize, size);
}

function randomBytes(size, callback) {
  checkSize(size);
  if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
  const buf = Buffer.alloc(size);
  host.randomFill(buf);
  if (callback === undefined) return buf;
  queueMicrotask(() => callback(null, buf));
}

function randomFillSync(buf, offset = 0, size) {
  if (!isView(buf) && !(buf instanceof ArrayBuffer)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (size === undefined) size = bytes.length - offset;
  host.randomFill(bytes.subarray(offset, offset + size));
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') [offset, size, callback] = [0, undefined, offset];
  else if (typeof size === 'function') [size, callback] = [undefined, size];
  randomFillSync(buf, offset, size);
  queueMicrotask(() => callback(null, buf));
}

const kMaxRange = 2 ** 48 - 1;

function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  if (!(range <= kMaxRange)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max - min" is out of range. It must be <= ${kMaxRange}. Received ${range}`);
  }
  const n = min + host.randomBelow(range);
  if (isSync) return n;
  queueMicrotask(() => callback(null, n));
}

function randomUUID(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw invalidArgType('options', 'of type object', options);
  }
  const b = new Uint8Array(16);
  host.randomFill(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Buffer.from(b.buffer).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function timingSafeEqual(a, b) {
  if (!isView(a) && !(a instanceof ArrayBuffer)) throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
  if (!isView(b) && !(b instanceof ArrayBuffer)) throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
  const x = a instanceof ArrayBuffer ? new Uint8Array(a) : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) {
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  return host.timingSafeEqual(x, y);
}

function getHashes() {
  return host.hashNames();
}

function getRandomValues(array) {
  if (typeof crypto === 'object' && crypto !== null && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(array);
  }
  if (!isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    throw invalidArgType('typedArray', 'an instance of Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array, or Uint8ClampedArray', array);
  }
  host.randomFill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return array;
}

module.exports = {
  createHash,
  createHmac,
  getHashes,
  getRandomValues,
  hash,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  timingSafeEqual,
  Hash,
  Hmac,
};
if (typeof crypto === 'object' && crypto !== null) {
  module.exports.webcrypto = crypto;
  if (crypto.subtle) module.exports.subtle = crypto.subtle;
}
