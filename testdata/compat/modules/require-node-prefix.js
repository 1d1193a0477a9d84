// compat: allowBuiltinModules
const a = require('node:util');
const b = require('util');
return [a === b, typeof a.inspect, Object.keys(require('node:path').posix).includes('join')];
