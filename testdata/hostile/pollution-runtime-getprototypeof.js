// expect: ok
// Pollution by a path validation cannot see pollutes only this runner's
// runtime; the console and the output conversion keep working.
const p = Object.getPrototypeOf({});
const k = ['is', 'Admin'].join('');
p[k] = true;
console.log({ a: 1 });
return { polluted: ({}).isAdmin, arr: [1, 2] };
