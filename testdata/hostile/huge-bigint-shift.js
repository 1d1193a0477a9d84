// expect: memory
// memory: 64
// timeout: 10s
return (1n << 4000000000n) > 0n;
