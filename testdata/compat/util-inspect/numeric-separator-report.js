// compat: allowBuiltinModules
const util = require('util');
const stats = { totalBytes: 73741824, requests: 1234567, avgLatencyMs: 12.3456789, errors: 0, ratio: 0.000123, big: 9007199254740993n };
console.log(util.inspect(stats, { numericSeparator: true }));
console.log(util.formatWithOptions({ numericSeparator: true }, 'total %d bytes in %i requests', stats.totalBytes, stats.requests, [1000, 2000000]));
return util.inspect([-1234.5, 1e21, 1000000], { numericSeparator: true });
