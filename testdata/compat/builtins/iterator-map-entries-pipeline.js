// compat: context {"scores": {"ana": 91, "bo": 58, "cy": 77, "di": 64, "ed": 88}}
// An iterator pipeline over Map entries, without intermediate arrays.
const scores = new Map(Object.entries(context.scores));
const passed = scores
  .entries()
  .filter(([, s]) => s >= 65)
  .map(([name, s]) => `${name}:${s}`)
  .toArray();
const best = scores.entries().reduce((a, b) => (b[1] > a[1] ? b : a));
console.log('passed', passed.join(','));
return { passed, best, anyFail: scores.values().some((s) => s < 60), allPositive: scores.values().every((s) => s > 0) };
