// expect: error
// message: SyntaxError
// goja's JSON.parse refuses numbers beyond a double's range (V8 gives
// Infinity): an error, not a crash.
return JSON.parse('[1e400]');
