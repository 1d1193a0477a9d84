'use strict';
// events: the npm package events (Node's EventEmitter for browsers), with
// what Node 24 adds: errorMonitor, Node's unhandled 'error' error,
// getEventListeners and the static setMaxListeners/getMaxListeners.

const EventEmitter = require('events/');
const { nodeError, invalidArgType } = require('./errors');

const ReflectApply = Reflect.apply;
const errorMonitor = Symbol('events.errorMonitor');
const proto = EventEmitter.prototype;
const emit = proto.emit;

function define(o, name, value) {
  Object.defineProperty(o, name, { value, writable: true, enumerable: true, configurable: true });
}

define(proto, 'emit', function (type, ...args) {
  if (type === 'error') {
    const events = this._events;
    if (events !== undefined && events[errorMonitor] !== undefined) ReflectApply(emit, this, [errorMonitor, ...args]);
    if (events === undefined || events.error === undefined) {
      const er = args[0];
      if (er instanceof Error) throw er;
      let shown;
      try {
        // util only when it is needed: loading it costs more than events.
        shown = require('util').inspect(er);
      } catch {
        shown = '[Unknown]';
      }
      const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
      err.context = er;
      throw err;
    }
  }
  return ReflectApply(emit, this, [type, ...args]);
});

function getEventListeners(target, type) {
  if (target && typeof target.listeners === 'function') return target.listeners(type);
  throw invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', target);
}

function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...targets) {
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "n" is out of range. It must be a non-negative number. Received ' + require('util').inspect(n));
  }
  if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
  else for (const t of targets) t.setMaxListeners(n);
}

function getMaxListeners(emitter) {
  return emitter.getMaxListeners();
}

// Node's own per-emitter state, which inspect shows.
const kShapeMode = Symbol('shapeMode');
const kCapture = Symbol('kCapture');
const init = EventEmitter.init;
define(EventEmitter, 'init', function (opts) {
  ReflectApply(init, this, [opts]);
  if (!Object.prototype.hasOwnProperty.call(this, kShapeMode)) define(this, kShapeMode, false);
  define(this, kCapture, false);
});

define(EventEmitter, 'errorMonitor', errorMonitor);
define(EventEmitter, 'getEventListeners', getEventListeners);
define(EventEmitter, 'setMaxListeners', setMaxListeners);
define(EventEmitter, 'getMaxListeners', getMaxListeners);
define(EventEmitter, 'captureRejectionSymbol', Symbol.for('nodejs.rejection'));
define(EventEmitter, 'usingDomains', false);
module.exports = EventEmitter;
