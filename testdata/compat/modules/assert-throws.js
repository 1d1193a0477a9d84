// compat: allowBuiltinModules
const assert = require('node:assert');
function parse(s) { if (!s) throw new TypeError('empty input'); return JSON.parse(s); }
assert.throws(() => parse(''), TypeError);
assert.throws(() => parse(''), /empty/);
assert.doesNotThrow(() => parse('{}'));
await assert.rejects(async () => { throw new Error('nope'); }, { message: 'nope' });
try { assert.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }); } catch (e) { console.log(e.code); }
return 'ok';
