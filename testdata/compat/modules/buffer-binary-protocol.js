// compat: allowBuiltinModules
const { Buffer } = require('buffer');
function encode(msg) {
  const body = Buffer.from(JSON.stringify(msg));
  const header = Buffer.alloc(6);
  header.writeUInt16BE(0xCAFE, 0);
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}
function decode(buf) {
  if (buf.readUInt16BE(0) !== 0xCAFE) throw new Error('bad magic');
  const len = buf.readUInt32BE(2);
  return JSON.parse(buf.subarray(6, 6 + len).toString());
}
const frame = encode({ op: 'ping', n: 1 });
console.log(frame.subarray(0, 6).toString('hex'), frame.length);
return decode(frame);
