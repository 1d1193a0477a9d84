const timestamps = ['2025-01-05T12:00:00Z', '2025-01-19T03:00:00Z', '2025-02-02T23:59:59Z', '2025-02-14T00:00:00Z', '2025-03-01T08:00:00Z'];
const byMonth = {};
for (const t of timestamps) {
  const d = new Date(t);
  const key = d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' });
  (byMonth[key] ??= []).push(d.getUTCDate());
}
console.log(byMonth);
return Object.keys(byMonth);
