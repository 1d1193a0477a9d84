const scores = context.scores ?? { a: 3, b: 9, c: 4, d: 9 };
return Object.entries(scores)
  .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
  .slice(0, 3)
  .map(([name, score], i) => `${i + 1}. ${name} (${score})`);
