// German dates, as a German-speaking user's report wants them.
const dates = ['2025-01-01T00:00:00Z', '2025-03-15T12:00:00Z', '2025-10-03T08:00:00Z', '2025-12-24T18:30:00Z'];
for (const s of dates) {
  const d = new Date(s);
  console.log(d.toLocaleDateString('de-DE'), '|', d.toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' }),
    '|', d.toLocaleDateString('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    '|', d.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' }));
}
return new Date(dates[3]).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });
