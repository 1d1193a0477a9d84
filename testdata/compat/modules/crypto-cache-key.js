// compat: allowBuiltinModules
const crypto = require('crypto');
function stableStringify(v) {
  if (Array.isArray(v)) return '[' + v.map(stableStringify).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + stableStringify(v[k])).join(',') + '}';
  return JSON.stringify(v);
}
const a = { b: 2, a: [1, { y: 1, x: 2 }] };
const b = { a: [1, { x: 2, y: 1 }], b: 2 };
const key = (o) => crypto.createHash('sha1').update(stableStringify(o)).digest('hex').slice(0, 16);
console.log(key(a), key(b));
return key(a) === key(b);
