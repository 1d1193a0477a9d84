// Ordinal suffixes: 1st, 2nd, 3rd, 4th, 11th, 22nd...
const pr = new Intl.PluralRules('en-US', { type: 'ordinal' });
const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const ord = n => `${n}${suffix[pr.select(n)]}`;
console.log([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ord).join(' '));
return { place: `You finished ${ord(42)} of ${(1337).toLocaleString('en-US')}`, categories: pr.resolvedOptions().pluralCategories };
