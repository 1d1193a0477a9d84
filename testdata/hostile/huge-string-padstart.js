// expect: memory
// memory: 64
// timeout: 10s
return ''.padStart(2 ** 29, 'ab').length;
