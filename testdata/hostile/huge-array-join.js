// expect: memory
// memory: 64
// timeout: 10s
return new Array(2 ** 26).join('xyzw').length;
