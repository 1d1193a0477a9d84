// compat: allowBuiltinModules
const { createHash } = require('node:crypto');
const rows = ['alpha', 'beta', 'alpha', 'gamma', 'beta'];
const seen = new Map();
for (const r of rows) {
  const h = createHash('md5').update(r).digest('hex');
  seen.set(h, (seen.get(h) || 0) + 1);
}
return [...seen.entries()];
