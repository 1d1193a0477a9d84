// compat: allowBuiltinModules
const path = require('path');
const root = '/srv/app';
const files = ['/srv/app/src/a.js', '/srv/app/src/lib/b.js', '/srv/app/test/a.test.js', '/srv/other/c.js'];
const rel = files.map((f) => path.relative(root, f));
const outside = rel.filter((r) => r.startsWith('..'));
console.log(rel.join(', '));
return { rel, outside, depth: rel.map((r) => r.split(path.sep).length) };
