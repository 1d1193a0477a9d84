const a = { name: 'a' };
const b = { name: 'b', peer: a };
a.peer = b;
a.self = a;
console.log(a);
console.log([a, b]);
return Object.keys(a);
