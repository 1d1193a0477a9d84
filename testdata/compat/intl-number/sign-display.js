// compat: context {"deltas": [12.5, -3.25, 0, -0, 0.001]}
// Showing signs of changes.
const out = {};
for (const s of ['auto', 'always', 'exceptZero', 'negative', 'never']) {
  const nf = new Intl.NumberFormat('en-US', { signDisplay: s, maximumFractionDigits: 2 });
  out[s] = context.deltas.map(d => nf.format(d)).join(', ');
}
out.pct = context.deltas.map(d => new Intl.NumberFormat('de-DE', { style: 'percent', signDisplay: 'exceptZero' }).format(d / 100)).join(', ');
return out;
