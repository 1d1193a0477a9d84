// compat: context {"start": "2025-03-31", "days": 7}
// A week's schedule: "Mon, Mar 31" style labels and the ISO date.
const start = new Date(context.start + 'T00:00:00Z');
const label = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
const rows = [];
for (let i = 0; i < context.days; i++) {
  const d = new Date(start.getTime() + i * 864e5);
  rows.push(`${d.toISOString().slice(0, 10)}  ${label.format(d)}`);
}
console.log(rows.join('\n'));
return rows.length;
