'use strict';
// util: inspect and format are the runtime's own (host.inspector(), the
// inspector console.log uses, so that the two always agree), the deep
// equality of commonjs-assert, and the rest written to Node 24's behaviour.

const inspector = host.inspector();
const { isDeepStrictEqual } = require('assert/build/internal/util/comparisons');
const { types } = require('./types');
const { nodeError, invalidArgType, validateFunction, validateString } = require('./errors');

const ReflectApply = Reflect.apply;
const ObjectDefineProperty = Object.defineProperty;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectDefineProperties = Object.defineProperties;
const ObjectGetOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
const PromiseCtor = Promise;
const nextTick = (fn, ...args) => queueMicrotask(() => ReflectApply(fn, undefined, args));

const kCustomPromisified = Symbol.for('nodejs.util.promisify.custom');

// Node's setTimeout and setImmediate carry a promisified form (timers/promises);
// the runtime's timers are natives without it.
const setTimeoutFn = typeof setTimeout === 'function' ? setTimeout : undefined;
const setImmediateFn = typeof setImmediate === 'function' ? setImmediate : undefined;
const promisifiedSetTimeout = (delay, value) => new PromiseCtor((resolve) => setTimeoutFn(resolve, delay, value));
const promisifiedSetImmediate = (value) => new PromiseCtor((resolve) => setImmediateFn(resolve, value));

function promisify(original) {
  validateFunction(original, 'original');
  if (original === setTimeoutFn && original[kCustomPromisified] === undefined) {
    return promisifiedSetTimeout;
  }
  if (original === setImmediateFn && original[kCustomPromisified] === undefined) {
    return promisifiedSetImmediate;
  }
  if (original[kCustomPromisified]) {
    const fn = original[kCustomPromisified];
    validateFunction(fn, 'util.promisify.custom');
    return ObjectDefineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new PromiseCtor((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        resolve(values[0]);
      });
      ReflectApply(original, this, args);
    });
  }
  ObjectSetPrototypeOf(fn, ObjectGetPrototypeOf(original));
  ObjectDefineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  const descriptors = ObjectGetOwnPropertyDescriptors(original);
  return ObjectDefineProperties(fn, descriptors);
}
promisify.custom = kCustomPromisified;

function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const err = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
    err.reason = reason;
    reason = err;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = (...a) => ReflectApply(maybeCb, this, a);
    ReflectApply(original, this, args).then(
      (ret) => nextTick(cb, null, ret),
      (rej) => nextTick(callbackifyOnRejected, rej, cb));
  }
  const descriptors = ObjectGetOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  const propertiesValues = Object.values(descriptors);
  for (let i = 0; i < propertiesValues.length; i++) ObjectSetPrototypeOf(propertiesValues[i], null);
  ObjectDefineProperties(callbackified, descriptors);
  return callbackified;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
  ObjectDefineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  ObjectSetPrototypeOf(ctor.prototype, superCtor.prototype);
}

// deprecate: Node writes the warning to the process's stderr, which a job
// does not have; the function is wrapped and runs as it would.
function deprecate(fn, msg, code) {
  validateFunction(fn, 'fn');
  if (code !== undefined) validateString(code, 'code');
  function deprecated(...args) {
    if (new.target) return Reflect.construct(fn, args, new.target);
    return ReflectApply(fn, this, args);
  }
  ObjectSetPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function debuglog() {
  const log = () => {};
  ObjectDefineProperty(log, 'enabled', { get: () => false, configurable: true, enumerable: true });
  return log;
}

function isArray(v) {
  return Array.isArray(v);
}

function toUSVString(s) {
  return String(s).toWellFormed ? String(s).toWellFormed() : String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// stripVTControlCharacters removes ANSI escape codes, with Node's pattern
// (from chalk/ansi-regex, MIT).
const ansi = new RegExp('(?:\\u001B\\][\\s\\S]*?(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|[\\u001B\\u009B][[\\]()#;?]*(?:\\d{1,4}(?:[;:]\\d{0,4})*)?[\\dA-PR-TZcf-nq-uy=><~]', 'g');
const RegExpReplace = RegExp.prototype[Symbol.replace];
// Its own exec and flags: replace looks them up, and code may have replaced
// RegExp.prototype's.
for (const [k, v] of [['exec', RegExp.prototype.exec], ['flags', 'g'], ['global', true], ['unicode', false], ['unicodeSets', false], ['hasIndices', false], ['sticky', false]]) {
  ObjectDefineProperty(ansi, k, { value: v });
}
function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return ReflectApply(RegExpReplace, ansi, [str, '']);
}

function aborted() {
  return PromiseCtor.reject(nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The aborted() method is not implemented'));
}

const util = {
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format: inspector.format,
  formatWithOptions: inspector.formatWithOptions,
  inherits,
  inspect: inspector.inspect,
  isArray,
  isDeepStrictEqual,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  types,
};
if (typeof TextEncoder === 'function') util.TextEncoder = TextEncoder;
if (typeof TextDecoder === 'function') util.TextDecoder = TextDecoder;
module.exports = util;
