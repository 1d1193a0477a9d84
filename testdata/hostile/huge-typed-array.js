// expect: memory
// memory: 64
// timeout: 10s
const k = [];
for (;;) k.push(new Float64Array(1 << 20).fill(1));
