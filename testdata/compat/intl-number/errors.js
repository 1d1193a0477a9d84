// Invalid options throw the errors Node throws.
const tries = {
  noCurrency: () => new Intl.NumberFormat('en', { style: 'currency' }),
  badCurrency: () => new Intl.NumberFormat('en', { style: 'currency', currency: 'DOLLAR' }),
  badUnit: () => new Intl.NumberFormat('en', { style: 'unit', unit: 'furlong' }),
  digits: () => new Intl.NumberFormat('en', { maximumFractionDigits: 200 }),
  minMax: () => new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 1 }),
  rtfUnit: () => new Intl.RelativeTimeFormat('en').format(1, 'fortnight'),
  listItems: () => new Intl.ListFormat('en').format(['a', 2]),
  pluralNew: () => Intl.PluralRules('en'),
  locale: () => new Intl.NumberFormat('not a locale'),
  radixLegacy: () => (255).toLocaleString('en', { style: 'percent' }),
};
const out = {};
for (const [k, f] of Object.entries(tries)) {
  try { out[k] = 'ok: ' + String(f()); } catch (e) { out[k] = e.name; }
}
return out;
