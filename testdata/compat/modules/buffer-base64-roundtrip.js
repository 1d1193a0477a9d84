// compat: allowBuiltinModules
const { Buffer } = require('buffer');
const text = 'Hello, wörld! 👋';
const b64 = Buffer.from(text, 'utf8').toString('base64');
const back = Buffer.from(b64, 'base64').toString('utf8');
console.log(b64);
return { b64, back, same: back === text, bytes: Buffer.byteLength(text) };
