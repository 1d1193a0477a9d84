// expect: ok
// Odd delays are clamped, not trusted.
const order = [];
await Promise.all([NaN, -1, Infinity - Infinity, '5', { valueOf: () => 3 }].map((d, i) =>
  new Promise((r) => setTimeout(() => { order.push(i); r(); }, d))));
return order.length;
