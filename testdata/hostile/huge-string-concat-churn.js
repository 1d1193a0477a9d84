// expect: ok
// output: 100000
// A 100 KB string built with +=: goja copies it each time, gigabytes of
// garbage that are not a memory bomb.
let s = '';
for (let i = 0; i < 50000; i++) s += 'ab';
return s.length;
