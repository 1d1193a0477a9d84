// Grouping rules: Indian lakhs, Spanish and Polish four-digit numbers, useGrouping.
const f = (loc, v, o = {}) => new Intl.NumberFormat(loc, o).format(v);
return {
  inLakh: [1e5, 1234567, 1e7].map(v => f('en-IN', v)),
  es: [1234, 12345].map(v => f('es', v)),
  pl: [1234, 12345].map(v => f('pl', v)),
  esAlways: f('es', 1234, { useGrouping: 'always' }),
  min2: f('en', 1234, { useGrouping: 'min2' }),
  off: f('en', 1234567, { useGrouping: false }),
  chf: f('de-CH', 1234567.5),
  frCurrency: f('fr-FR', 1234567.5, { style: 'currency', currency: 'EUR' }),
};
