// compat: allowBuiltinModules
const { Buffer } = require('node:buffer');
const hex = '48656c6c6f20776f726c64';
const buf = Buffer.from(hex, 'hex');
console.log(buf.toString());
return { text: buf.toString('utf8'), len: buf.length, first: buf[0], upper: buf.toString('hex').toUpperCase() };
