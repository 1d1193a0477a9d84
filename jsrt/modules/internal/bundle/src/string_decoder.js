'use strict';
// string_decoder: the npm package string_decoder (Node's own, for
// browsers), with Node 24's base64url.
const lib = require('string_decoder/');

const Base = lib.StringDecoder;
const ReflectApply = Reflect.apply;
const toUrl = (s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function StringDecoder(encoding) {
  if (typeof encoding === 'string' && encoding.toLowerCase() === 'base64url') {
    // base64 output is in whole groups until end(): each piece converts.
    const d = new Base('base64');
    const write = d.write;
    const end = d.end;
    Object.defineProperties(d, {
      encoding: { value: 'base64url', writable: true, enumerable: true, configurable: true },
      write: { value: (buf) => toUrl(ReflectApply(write, d, [buf])), writable: true, configurable: true },
      end: { value: (buf) => toUrl(ReflectApply(end, d, [buf])), writable: true, configurable: true },
    });
    return d;
  }
  return new Base(encoding);
}
StringDecoder.prototype = Base.prototype;

module.exports = { StringDecoder };
