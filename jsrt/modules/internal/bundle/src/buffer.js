'use strict';
// buffer: feross's buffer (Node's Buffer for browsers), with what Node 24
// adds to it: the base64url encoding, Node's inspect form, atob/btoa,
// constants, isUtf8/isAscii.

const lib = require('buffer/');
const { invalidArgType } = require('./errors');

const Buffer = lib.Buffer;
const ReflectApply = Reflect.apply;
const StringPrototypeToLowerCase = String.prototype.toLowerCase;
const StringPrototypeReplace = String.prototype.replace;

function isBase64url(enc) {
  return typeof enc === 'string' && ReflectApply(StringPrototypeToLowerCase, enc, []) === 'base64url';
}

// Decoding: base64-js reads the URL-safe alphabet too, and padding is
// optional, so base64url input decodes as base64.
function mapEncodingArgs(fn, from) {
  return function (...args) {
    for (let i = from; i < args.length; i++) if (isBase64url(args[i])) args[i] = 'base64';
    return ReflectApply(fn, this, args);
  };
}

function toBase64url(s) {
  s = ReflectApply(StringPrototypeReplace, s, [/\+/g, '-']);
  s = ReflectApply(StringPrototypeReplace, s, [/\//g, '_']);
  return ReflectApply(StringPrototypeReplace, s, [/=+$/, '']);
}

const define = (o, name, value) => Object.defineProperty(o, name, { value, writable: true, enumerable: true, configurable: true });

for (const name of ['from', 'byteLength', 'alloc']) define(Buffer, name, mapEncodingArgs(Buffer[name], 1));

// Node's argument errors where feross's differ.
const from = Buffer.from;
define(Buffer, 'from', function (value, encodingOrOffset, length) {
  if (value === null || (typeof value !== 'string' && typeof value !== 'object' && typeof value !== 'function')) {
    throw invalidArgType('first argument', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  }
  return ReflectApply(from, this, arguments);
});
const compare = Buffer.compare;
define(Buffer, 'compare', function (buf1, buf2) {
  if (!(buf1 instanceof Uint8Array)) throw invalidArgType('buf1', 'an instance of Buffer or Uint8Array', buf1);
  if (!(buf2 instanceof Uint8Array)) throw invalidArgType('buf2', 'an instance of Buffer or Uint8Array', buf2);
  return compare(buf1, buf2);
});
const isEncoding = Buffer.isEncoding;
define(Buffer, 'isEncoding', (e) => isBase64url(e) || isEncoding(e));
const proto = Buffer.prototype;
for (const name of ['write', 'fill', 'indexOf', 'lastIndexOf', 'includes']) define(proto, name, mapEncodingArgs(proto[name], 1));
const toString = proto.toString;
define(proto, 'toString', function (encoding, start, end) {
  if (isBase64url(encoding)) return toBase64url(ReflectApply(toString, this, ['base64', start, end]));
  try {
    return ReflectApply(toString, this, arguments);
  } catch (e) {
    // Node's code for it.
    if (e instanceof TypeError && /^Unknown encoding/.test(e.message)) e.code = 'ERR_UNKNOWN_ENCODING';
    throw e;
  }
});
proto.toLocaleString = proto.toString;
Buffer.poolSize = 65536; // Node 24's (Buffer does not pool here)

// Node's inspect form: <Buffer 68 69 ... 12 more bytes>.
const customInspect = Symbol.for('nodejs.util.inspect.custom');
function inspect() {
  const max = lib.INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = ReflectApply(StringPrototypeReplace, ReflectApply(toString, this, ['hex', 0, actualMax]), [/(.{2})/g, '$1 ']).trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return `<${this.constructor === Buffer ? 'Buffer' : this.constructor.name} ${str}>`;
}
define(proto, 'inspect', inspect);
Object.defineProperty(proto, customInspect, { value: inspect, writable: true, enumerable: false, configurable: true });
Object.defineProperty(proto, '_isBuffer', { value: true, writable: true, enumerable: false, configurable: true });

function isUtf8(input) {
  if (!ArrayBuffer.isView(input) && !(input instanceof ArrayBuffer)) {
    throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
  }
  return host.isUtf8(input);
}

function isAscii(input) {
  if (!ArrayBuffer.isView(input) && !(input instanceof ArrayBuffer)) {
    throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
  }
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

module.exports = {
  Buffer,
  SlowBuffer: lib.SlowBuffer,
  INSPECT_MAX_BYTES: lib.INSPECT_MAX_BYTES,
  kMaxLength: lib.kMaxLength,
  kStringMaxLength: 2 ** 29 - 24,
  constants: { MAX_LENGTH: lib.kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  isUtf8,
  isAscii,
};
if (typeof atob === 'function') module.exports.atob = atob;
if (typeof btoa === 'function') module.exports.btoa = btoa;
