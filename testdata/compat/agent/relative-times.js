const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const now = Date.UTC(2025, 5, 15, 12);
const events = [Date.UTC(2025, 5, 15, 11), Date.UTC(2025, 5, 14, 12), Date.UTC(2025, 5, 8), Date.UTC(2025, 2, 1)];
const label = (t) => {
  const diff = (t - now) / 1000;
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [u, s] of units) if (Math.abs(diff) >= s) return rtf.format(Math.round(diff / s), u);
  return rtf.format(Math.round(diff), 'second');
};
return events.map(label);
