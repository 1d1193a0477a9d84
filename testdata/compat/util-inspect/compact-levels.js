// compat: allowBuiltinModules
const util = require('util');
const tree = { root: { left: { value: 1, kids: [2, 3] }, right: { value: 4, kids: [] } } };
for (const compact of [true, false, 0, 1, 3, 6]) console.log(String(compact), util.inspect(tree, { compact, depth: 4 }));
return util.inspect(tree, { compact: true, breakLength: 30 });
