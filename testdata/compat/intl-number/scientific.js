// Scientific and engineering notation for measurements.
const sci = new Intl.NumberFormat('en', { notation: 'scientific', maximumSignificantDigits: 3 });
const eng = new Intl.NumberFormat('en', { notation: 'engineering' });
return {
  sci: [6.02214076e23, 0.000000123, 1, -299792458].map(v => sci.format(v)),
  eng: [6.02214076e23, 0.000000123, 1234, 999999].map(v => eng.format(v)),
  de: new Intl.NumberFormat('de', { notation: 'scientific' }).format(12345.678),
};
