// expect: timeout
// timeout: 500ms
// message: killed
// An array nested a hundred thousand deep, returned: goja's JSON.stringify
// checks for cycles in time quadratic in the depth, in one native call;
// the hard kill ends it.
let a = [];
for (let i = 0; i < 1e5; i++) a = [a];
return a;
