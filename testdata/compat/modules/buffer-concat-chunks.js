// compat: allowBuiltinModules
const { Buffer } = require('buffer');
const chunks = ['{"items":', '[1,2,', '3]}'].map((s) => Buffer.from(s));
const body = Buffer.concat(chunks);
console.log(body.length, body.toString());
const parsed = JSON.parse(body.toString('utf8'));
return { sum: parsed.items.reduce((a, b) => a + b, 0), hex: body.subarray(0, 4).toString('hex') };
