// Times of day in several locales and hour cycles.
const d = new Date('2025-03-03T00:07:05Z');
const e = new Date('2025-03-03T13:45:30Z');
const out = [];
for (const [loc, opts] of [
  ['en-US', {}], ['en-GB', {}], ['de-DE', {}], ['ja-JP', {}], ['fr-FR', {}],
  ['en-US', { hour: '2-digit', minute: '2-digit' }], ['en-US', { hour: 'numeric', minute: '2-digit', hour12: false }],
  ['en-US', { hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }], ['en-GB', { hour: 'numeric', hour12: true }],
  ['ja-JP', { hour: 'numeric', minute: '2-digit', hour12: true }],
]) {
  out.push(`${loc} ${JSON.stringify(opts)}: ${d.toLocaleTimeString(loc, { timeZone: 'UTC', ...opts })} / ${e.toLocaleTimeString(loc, { timeZone: 'UTC', ...opts })}`);
}
console.log(out.join('\n'));
return out.length;
