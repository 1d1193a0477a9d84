// expect: error
// memory: 64
// timeout: 10s
// message: RangeError: Maximum BigInt size exceeded
// A BigInt past V8's largest (2^30 bits) is refused before any allocation,
// as Node refuses it.
return (1n << 4000000000n) > 0n;
