// Arabic with Arabic-Indic digits (ar-EG) and with Latin digits (ar).
const d = new Date('2025-03-03T14:05:00Z');
return {
  egypt: d.toLocaleString('ar-EG', { timeZone: 'Africa/Cairo' }),
  egyptLong: d.toLocaleDateString('ar-EG', { dateStyle: 'long' }),
  plain: d.toLocaleDateString('ar', { timeZone: 'UTC' }),
  latnOverride: d.toLocaleDateString('ar-EG', { numberingSystem: 'latn' }),
};
