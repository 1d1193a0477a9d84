// expect: ok
// output: "logged"
// An object nested a hundred thousand deep, logged: the console prints a
// bounded depth.
let o = {};
for (let i = 0; i < 1e5; i++) o = { o };
console.log(o);
return 'logged';
