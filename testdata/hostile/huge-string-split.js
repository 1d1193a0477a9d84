// expect: memory
// memory: 64
// timeout: 10s
const s = 'ab'.repeat(1 << 23);
return s.split('').length;
