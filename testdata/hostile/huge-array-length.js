// expect: error
// An array length past 2^32 - 1.
const a = [];
a.length = 2 ** 32;
return a.length;
