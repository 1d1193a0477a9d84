// expect: memory
// memory: 64
// timeout: 10s
let s = 'x';
for (;;) s += s;
