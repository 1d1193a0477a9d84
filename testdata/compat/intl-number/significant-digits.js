// Significant digits, rounding priority and minimum integer digits.
const f = (o, v) => new Intl.NumberFormat('en-US', o).format(v);
return {
  sig3: [123456, 0.00123456, 9.995, 0].map(v => f({ maximumSignificantDigits: 3 }, v)),
  minSig: f({ minimumSignificantDigits: 5 }, 1.5),
  more: f({ maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' }, 1.2345),
  less: f({ maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'lessPrecision' }, 1.2345),
  padded: [7, 42, 123].map(v => f({ minimumIntegerDigits: 3, useGrouping: false }, v)),
  fixed: f({ minimumFractionDigits: 2, maximumFractionDigits: 2 }, 3),
  strip: [3, 3.1].map(v => f({ minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }, v)),
};
