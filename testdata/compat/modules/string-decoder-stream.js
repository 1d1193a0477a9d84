// compat: allowBuiltinModules
const { StringDecoder } = require('string_decoder');
const { Buffer } = require('buffer');
const data = Buffer.from('línea uno\nlínea dos\nüber drei\n');
const decoder = new StringDecoder('utf8');
let pending = '';
const lines = [];
for (let i = 0; i < data.length; i += 4) {
  pending += decoder.write(data.subarray(i, i + 4));
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    lines.push(pending.slice(0, nl));
    pending = pending.slice(nl + 1);
  }
}
pending += decoder.end();
console.log(lines);
return { lines, rest: pending };
