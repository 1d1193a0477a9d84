// compat: context {"now": "2024-06-01T12:00:00Z", "events": [{"what": "deploy", "at": "2024-06-01T11:58:30Z"}, {"what": "incident", "at": "2024-05-31T09:00:00Z"}, {"what": "release", "at": "2024-05-29T12:00:00Z"}, {"what": "planning", "at": "2024-06-04T12:00:00Z"}, {"what": "audit", "at": "2024-03-01T00:00:00Z"}]}
// "3 days ago" from timestamps, choosing the largest sensible unit.
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const now = Date.parse(context.now);
const units = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
function ago(t) {
  const diff = Date.parse(t) - now;
  for (const [unit, ms] of units) if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
}
for (const e of context.events) console.log(`${e.what}: ${ago(e.at)}`);
return context.events.map(e => ago(e.at));
