// Native digits: Arabic, Devanagari, Thai, and the numberingSystem option.
return {
  arEG: (1234567.89).toLocaleString('ar-EG'),
  ar: (1234567.89).toLocaleString('ar'),
  arab: new Intl.NumberFormat('en-u-nu-arab').format(1234.5),
  deva: new Intl.NumberFormat('hi-IN', { numberingSystem: 'deva' }).format(12345678),
  thai: new Intl.NumberFormat('th-TH-u-nu-thai', { style: 'currency', currency: 'THB' }).format(1234.5),
  hanidec: new Intl.NumberFormat('zh-CN', { numberingSystem: 'hanidec', useGrouping: false }).format(2024),
  arPct: new Intl.NumberFormat('ar-EG', { style: 'percent' }).format(0.75),
};
