const a = new Set([1, 2, 3, 4]);
const b = new Set([3, 4, 5]);
return {
  union: [...new Set([...a, ...b])],
  inter: [...a].filter((x) => b.has(x)),
  diff: [...a].filter((x) => !b.has(x)),
};
