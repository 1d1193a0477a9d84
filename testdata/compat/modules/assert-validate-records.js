// compat: allowBuiltinModules
const assert = require('assert');
const records = [{ id: 1, email: 'a@x.io' }, { id: 2, email: 'bad' }, { id: 3 }];
const errors = [];
for (const r of records) {
  try {
    assert.ok(r.email, 'email missing for ' + r.id);
    assert.match(r.email, /@/, 'email invalid for ' + r.id);
  } catch (e) {
    errors.push(e.message);
  }
}
console.log(errors);
return errors.length;
