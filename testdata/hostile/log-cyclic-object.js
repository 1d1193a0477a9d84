// expect: ok
const a = { b: { c: {} } };
a.b.c.a = a;
console.log(a, [a, a]);
return 'logged';
