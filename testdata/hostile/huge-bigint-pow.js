// expect: timeout
// timeout: 500ms
// memory: 128
// One multiplication of huge BigInts is one native call goja cannot
// interrupt: the hard kill (or the memory limit) ends it.
return (7n ** 50000000n) % 10n === 3n;
