// compat: context {"products": [{"name": "Basic", "min": 9, "max": 19}, {"name": "Pro", "min": 49.5, "max": 99}, {"name": "Fixed", "min": 30, "max": 30}]}
// Price ranges.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
for (const p of context.products) console.log(`${p.name}: ${usd.formatRange(p.min, p.max)}`);
return {
  eur: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).formatRange(10, 20),
  plain: new Intl.NumberFormat('en').formatRange(3, 5),
  approx: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).formatRange(2.9, 3.1),
  km: new Intl.NumberFormat('en', { style: 'unit', unit: 'kilometer', unitDisplay: 'long' }).formatRange(5, 10),
  pct: new Intl.NumberFormat('en', { style: 'percent' }).formatRange(0.1, 0.25),
  compact: new Intl.NumberFormat('en', { notation: 'compact' }).formatRange(1500, 2500000),
  parts: new Intl.NumberFormat('en').formatRangeToParts(1, 2),
};
