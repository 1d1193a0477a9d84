// compat: allowBuiltinModules
const util = require('util');
function check(value) {
  if (typeof value !== 'number') throw new TypeError(`expected a number, got ${util.inspect(value)}`);
  return value;
}
const msgs = [];
for (const v of ['12', { n: 1 }, [1, 2], null, Symbol('x'), 10n]) {
  try { check(v); } catch (e) { msgs.push(e.message); }
}
console.log(msgs.join('\n'));
return msgs;
