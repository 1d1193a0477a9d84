// expect: error
// memory: 64
// timeout: 10s
// message: RangeError: Invalid string length
// A string past V8's longest (2^29-24 characters) is refused before any
// allocation, as Node refuses it.
return ''.padStart(2 ** 29, 'ab').length;
