// formatToParts, e.g. to style the currency symbol or decimals separately.
const parts = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).formatToParts(-1234567.891);
console.log(parts.map(p => `${p.type}:${JSON.stringify(p.value)}`).join(' '));
const html = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatToParts(1999.99)
  .map(p => p.type === 'fraction' ? `<sup>${p.value}</sup>` : p.value).join('');
return {
  html,
  sci: new Intl.NumberFormat('en', { notation: 'scientific' }).formatToParts(-0.000123),
  compact: new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' }).formatToParts(2500000),
  unit: new Intl.NumberFormat('en', { style: 'unit', unit: 'kilometer-per-hour' }).formatToParts(88),
  nan: new Intl.NumberFormat('en').formatToParts(NaN),
};
