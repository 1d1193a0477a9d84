// compat: allowBuiltinModules
const util = require('util');
const values = [{ a: [1, { b: new Map([[1, { c: { d: 1 } }]]) }] }, new Set(['x']), [undefined, null, -0, 1e21], { s: 'quote\'s' }, Object.create(null)];
let same = 0;
for (const v of values) {
  console.log(v);
  console.log(util.inspect(v));
  if (util.format(v) === util.inspect(v)) same++;
}
return same;
