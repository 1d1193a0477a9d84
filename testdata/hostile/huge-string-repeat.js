// expect: memory
// memory: 64
// timeout: 10s
return 'x'.repeat(2 ** 28).length;
