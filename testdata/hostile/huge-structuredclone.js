// expect: memory
// memory: 64
// timeout: 10s
let o = { a: 'x'.repeat(1 << 20) };
for (;;) o = { o, c: structuredClone(o) };
