// compat: allowBuiltinModules
const assert = require('assert');
const data = { users: [{ id: 1, name: 'ana' }], total: 1 };
assert.ok(Array.isArray(data.users));
assert.strictEqual(data.users.length, data.total);
assert.deepStrictEqual(data.users[0], { id: 1, name: 'ana' });
try {
  assert.strictEqual(data.total, 2);
} catch (e) {
  console.log(e.code, e.name);
  console.log(e.message);
}
return 'validated';
