// compat: allowBuiltinModules
const { isDeepStrictEqual } = require('util');
const rows = [{ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, { a: 1, b: [2, 1] }];
const unique = [];
for (const r of rows) if (!unique.some((u) => isDeepStrictEqual(u, r))) unique.push(r);
console.log(unique.length);
return unique;
