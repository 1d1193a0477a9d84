// expect: output_limit
// memory: 64
// message: over the 1048576-byte output cap
// An array of 2**32-1 holes would be 20 GB of "null,". Its serialisation
// stops just over the output cap, in the cap's time and memory, instead of
// running into the memory limit or past the deadline (a long built-in call
// cannot be interrupted).
const a = [];
a.length = 2 ** 32 - 1;
return a;
