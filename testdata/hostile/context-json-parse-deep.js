// expect: memory
// timeout: 10s
// memory: 128
// Deeply nested JSON parsed inside the code: the parser's memory, not a
// crash.
return JSON.parse('['.repeat(1e6) + ']'.repeat(1e6)).length;
