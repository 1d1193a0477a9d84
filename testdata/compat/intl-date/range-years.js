// Ranges across months and years, in several locales.
const a = new Date('2024-11-20T00:00:00Z');
const b = new Date('2025-02-10T00:00:00Z');
const out = {};
for (const loc of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP']) {
  out[loc] = [
    new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).formatRange(a, b),
    new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'long', timeZone: 'UTC' }).formatRange(a, b),
    new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(a, new Date('2024-11-27T00:00:00Z')),
  ];
}
return out;
