const d = new Date(Date.UTC(2025, 2, 3, 14, 5));
return [
  d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  d.toLocaleString('en-GB', { timeZone: 'Europe/London' }),
  d.toLocaleString('en-US', { timeZone: 'America/New_York' }),
  d.toLocaleDateString('de-DE'),
  d.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo' }),
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d),
];
