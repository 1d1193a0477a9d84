const counts = Object.create(null);
for (const w of ['a', 'b', 'a', 'constructor']) counts[w] = (counts[w] || 0) + 1;
const lookup = { __proto__: null, x: 1 };
return { counts: { ...counts }, hasToString: 'toString' in lookup };
