// compat: allowBuiltinModules
const assert = require('assert').strict;
try {
  assert.equal(1, '1');
  return 'no throw';
} catch (e) {
  console.log(e.name, e.code, e.operator);
  return e.message.split('\n')[0];
}
