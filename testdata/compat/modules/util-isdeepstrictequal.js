// compat: allowBuiltinModules
const { isDeepStrictEqual } = require('util');
const a = { id: 1, tags: ['x', 'y'], meta: { created: new Date(0) } };
const b = { id: 1, tags: ['x', 'y'], meta: { created: new Date(0) } };
const c = { id: '1', tags: ['x', 'y'], meta: { created: new Date(0) } };
return [isDeepStrictEqual(a, b), isDeepStrictEqual(a, c), isDeepStrictEqual([1, 2, 3], [1, 2, 3]), isDeepStrictEqual(new Set([1]), new Set([1])), isDeepStrictEqual({ a: undefined }, {})];
