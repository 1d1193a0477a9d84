// expect: ok
// An array nested two thousand deep converts to JSON.
let a = [];
for (let i = 0; i < 2000; i++) a = [a];
return JSON.stringify(a).length;
