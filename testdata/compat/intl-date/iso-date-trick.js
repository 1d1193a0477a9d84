// compat: context {"timestamps": ["2025-03-09T03:30:00Z", "2025-06-30T23:15:00Z", "2025-12-31T22:00:00Z"]}
// The YYYY-MM-DD trick agents use: en-CA and sv-SE dates in a zone.
return context.timestamps.map((ts) => {
  const d = new Date(ts);
  return {
    ts,
    ny: d.toLocaleDateString('en-CA', { timeZone: 'America/New_York' }),
    tokyo: d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }),
    nyTime: d.toLocaleString('sv-SE', { timeZone: 'America/New_York' }),
  };
});
