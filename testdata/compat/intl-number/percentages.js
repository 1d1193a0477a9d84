// compat: context {"results": {"passed": 187, "failed": 9, "skipped": 4}}
// Shares of a test run, as percentages.
const { passed, failed, skipped } = context.results;
const total = passed + failed + skipped;
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const lines = Object.entries(context.results).map(([k, v]) => `${k}: ${v} (${pct.format(v / total)})`);
lines.forEach(l => console.log(l));
return {
  rate: pct.format(passed / total),
  de: (passed / total).toLocaleString('de-DE', { style: 'percent', minimumFractionDigits: 2 }),
  fr: (0.5).toLocaleString('fr-FR', { style: 'percent' }),
  tr: (0.25).toLocaleString('tr-TR', { style: 'percent' }),
  change: new Intl.NumberFormat('en-US', { style: 'percent', signDisplay: 'always', maximumFractionDigits: 2 }).format(-0.0345),
};
