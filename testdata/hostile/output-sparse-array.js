// expect: output_limit
// A sparse array of 10 million holes is 50 MB of "null,".
const a = [];
a[1e7] = 1;
return a;
