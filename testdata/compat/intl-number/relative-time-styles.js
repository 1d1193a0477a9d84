// Relative time across styles, numeric modes and languages.
const out = [];
for (const loc of ['en', 'de', 'fr', 'es', 'ja', 'ru', 'pt', 'zh', 'ar', 'hi']) {
  const long = new Intl.RelativeTimeFormat(loc);
  const auto = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
  const narrow = new Intl.RelativeTimeFormat(loc, { style: 'narrow' });
  out.push(`${loc}: ${long.format(-3, 'day')} / ${auto.format(-1, 'day')} / ${auto.format(1, 'week')} / ${narrow.format(5, 'minutes')} / ${long.format(2, 'quarter')}`);
}
out.forEach(l => console.log(l));
return new Intl.RelativeTimeFormat('en', { style: 'short' }).formatToParts(-12.5, 'hours');
