// compat: allowBuiltinModules
const util = require('util');
const a = { id: 1, name: 'alpha', tags: ['x', 'y'], nested: { on: true } };
const b = { id: 1, name: 'alpha', tags: ['x', 'z'], nested: { on: false } };
const la = util.inspect(a, { compact: false, sorted: true }).split('\n');
const lb = util.inspect(b, { compact: false, sorted: true }).split('\n');
const diff = [];
for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) diff.push(`- ${la[i]}\n+ ${lb[i]}`);
console.log(diff.join('\n'));
return la;
