// compat: allowBuiltinModules
const path = require('path');
const files = ['src/index.ts', 'src/lib/util.ts', 'README.md', 'docs/guide/intro.md'];
const out = files.map((f) => ({ full: path.join('/repo', f), dir: path.dirname(f), base: path.basename(f), ext: path.extname(f), name: path.parse(f).name }));
console.log(out);
return out;
