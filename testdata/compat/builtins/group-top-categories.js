// compat: context {"products": [{"name": "pen", "cat": "office", "sold": 120}, {"name": "desk", "cat": "furniture", "sold": 8}, {"name": "paper", "cat": "office", "sold": 300}, {"name": "chair", "cat": "furniture", "sold": 15}, {"name": "lamp", "cat": "lighting", "sold": 40}]}
// Group, total, sort, keep the top two.
const totals = Object.entries(Object.groupBy(context.products, (p) => p.cat))
  .map(([cat, ps]) => ({ cat, sold: ps.reduce((s, p) => s + p.sold, 0), best: ps.toSorted((a, b) => b.sold - a.sold)[0].name }))
  .sort((a, b) => b.sold - a.sold)
  .slice(0, 2);
console.log(totals.map((t) => `${t.cat}=${t.sold}`).join(' '));
return totals;
