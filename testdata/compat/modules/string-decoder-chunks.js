// compat: allowBuiltinModules
const { StringDecoder } = require('string_decoder');
const { Buffer } = require('buffer');
const bytes = Buffer.from('naïve café — 日本語', 'utf8');
const decoder = new StringDecoder('utf8');
let out = '';
for (let i = 0; i < bytes.length; i += 3) out += decoder.write(bytes.subarray(i, i + 3));
out += decoder.end();
console.log(out);
return out === bytes.toString();
