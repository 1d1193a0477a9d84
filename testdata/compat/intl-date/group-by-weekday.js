// compat: context {"commits": ["2025-03-03T10:00:00Z", "2025-03-04T11:00:00Z", "2025-03-04T15:30:00Z", "2025-03-06T09:00:00Z", "2025-03-08T20:00:00Z", "2025-03-09T21:00:00Z", "2025-03-10T08:00:00Z"]}
// Commits grouped by weekday name.
const byDay = {};
for (const c of context.commits) {
  const day = new Date(c).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  byDay[day] = (byDay[day] || 0) + 1;
}
console.log(Object.entries(byDay).map(([d, n]) => `${d}: ${n}`).join('\n'));
return byDay;
