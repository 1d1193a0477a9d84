'use strict';
// Node's errors for the checks these modules make: the same class, code and
// message as Node's, for the cases agents meet.

const ObjectDefineProperty = Object.defineProperty;

function received(v) {
  if (v == null) return ' Received ' + v;
  if (typeof v === 'function') return ' Received function ' + (v.name || '<anonymous>');
  if (typeof v === 'object') {
    const c = v.constructor;
    if (c && typeof c === 'function' && c.name) return ' Received an instance of ' + c.name;
    return ' Received [Object: null prototype]';
  }
  let shown;
  switch (typeof v) {
    case 'string':
      shown = v.length > 28 ? v.slice(0, 25) + '...' : v;
      shown = "'" + shown + "'";
      break;
    case 'bigint':
      shown = String(v) + 'n';
      break;
    case 'symbol':
      shown = v.toString();
      break;
    default:
      shown = Object.is(v, -0) ? '-0' : String(v);
  }
  return ' Received type ' + typeof v + ' (' + shown + ')';
}

function nodeError(Base, code, message) {
  const e = new Base(message);
  e.code = code;
  ObjectDefineProperty(e, 'toString', {
    value() { return this.name + ' [' + code + ']: ' + this.message; },
    writable: true, enumerable: false, configurable: true,
  });
  return e;
}

// invalidArgType: The "name" argument must be of type T. Received ...
function invalidArgType(name, expected, actual) {
  const what = name.endsWith(' argument') ? 'The ' + name : (name.includes('.') ? 'The "' + name + '" property' : 'The "' + name + '" argument');
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', what + ' must be ' + expected + '.' + received(actual));
}

function outOfRange(name, range, actual) {
  let shown = typeof actual === 'bigint' ? String(actual) + 'n' : String(actual);
  if (typeof actual === 'number' && Math.abs(actual) > 2 ** 32) shown = addUnderscores(String(actual));
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown);
}

function addUnderscores(s) {
  let res = '';
  let i = s.length;
  const start = s[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = '_' + s.slice(i - 3, i) + res;
  return s.slice(0, i) + res;
}

function validateFunction(v, name) {
  if (typeof v !== 'function') throw invalidArgType(name, 'of type function', v);
}

function validateString(v, name) {
  if (typeof v !== 'string') throw invalidArgType(name, 'of type string', v);
}

module.exports = { nodeError, invalidArgType, outOfRange, validateFunction, validateString, received };
