// compat: context {"reviewers": ["Alice", "Bob", "Chandra", "Dmitri"], "labels": ["bug", "p1"]}
// Joining names in prose.
const and = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
const or = new Intl.ListFormat('en', { type: 'disjunction' });
console.log(`Requested review from ${and.format(context.reviewers)}.`);
console.log(`Labels: ${and.format(context.labels)}; pick ${or.format(context.labels)}.`);
return {
  one: and.format(['Alice']),
  none: and.format([]),
  short: new Intl.ListFormat('en', { style: 'short' }).format(context.reviewers),
  narrowUnit: new Intl.ListFormat('en', { style: 'narrow', type: 'unit' }).format(['5 h', '30 min']),
  de: new Intl.ListFormat('de').format(context.reviewers),
  ja: new Intl.ListFormat('ja').format(context.reviewers),
  zh: new Intl.ListFormat('zh').format(context.reviewers),
};
