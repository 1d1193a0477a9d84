// Compact numbers in several languages (their own words and plurals).
const n = [1234, 56789, 1200000, 2000000, 3500000000];
const out = {};
for (const loc of ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ko', 'hi', 'ru', 'pt-BR', 'ar']) {
  out[loc] = n.map(x => new Intl.NumberFormat(loc, { notation: 'compact', compactDisplay: 'long' }).format(x)).join(' | ');
}
out.shortDe = n.map(x => x.toLocaleString('de', { notation: 'compact' })).join(' | ');
out.money = new Intl.NumberFormat('en-US', { notation: 'compact', style: 'currency', currency: 'USD' }).format(4250000);
return out;
