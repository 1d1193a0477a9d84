const rec = { name: 'ana', age: 31, city: 'Lisbon' };
const keys = Object.keys(rec);
const upper = {};
for (const k of keys) upper[k.toUpperCase()] = rec[k];
const get = (o, path) => path.split('.').reduce((acc, k) => (acc == null ? acc : acc[k]), o);
return { upper, city: get({ a: { b: { c: 'x' } } }, 'a.b.c') };
