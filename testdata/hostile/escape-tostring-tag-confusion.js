// expect: ok
// Fake brands with Symbol.toStringTag do not make an object a host object.
const fake = { [Symbol.toStringTag]: 'process', pid: 1 };
console.log(fake);
return Object.prototype.toString.call(fake);
