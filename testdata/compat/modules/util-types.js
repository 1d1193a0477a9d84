// compat: allowBuiltinModules
const { types } = require('util');
const values = [new Date(), /x/, Promise.resolve(1), new Map(), new Set(), new Uint8Array(2), async () => {}, function* g() {}, {}];
return values.map((v) => [types.isDate(v), types.isRegExp(v), types.isPromise(v), types.isMap(v), types.isSet(v), types.isTypedArray(v), types.isAsyncFunction(v), types.isGeneratorFunction(v)].map(Number).join(''));
