// compat: allowBuiltinModules
const path = require('node:path');
const files = ['a.js', 'b.ts', 'c.js', 'd.json', 'e', 'f.test.js'];
const groups = {};
for (const f of files) (groups[path.extname(f) || '(none)'] ??= []).push(f);
console.log(groups);
return [groups, path.relative('/data/in/x', '/data/out/y.csv'), path.normalize('/a//b/./c/../d')];
