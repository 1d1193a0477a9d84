// expect: ok
// output: [null, 0]
// A number beyond a double's range parses as V8's does (Infinity, which
// JSON then writes as null; a tiny one is 0): no error, no crash.
const [big, tiny] = [JSON.parse('[1e400]')[0], JSON.parse('1e-400')];
return [big === Infinity ? null : big, tiny];
