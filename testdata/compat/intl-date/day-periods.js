// "in the morning" style day periods and hour-only formats.
const hours = [0, 6, 9, 12, 15, 18, 21];
return hours.map((h) => {
  const d = new Date(Date.UTC(2025, 0, 1, h, 0));
  return [
    d.toLocaleTimeString('en-US', { hour: 'numeric', dayPeriod: 'long', timeZone: 'UTC' }),
    d.toLocaleTimeString('en-US', { hour: 'numeric', timeZone: 'UTC' }),
    d.toLocaleTimeString('de-DE', { hour: 'numeric', timeZone: 'UTC' }),
    d.toLocaleTimeString('es-ES', { hour: 'numeric', minute: '2-digit', dayPeriod: 'short', hour12: true, timeZone: 'UTC' }),
  ].join(' | ');
});
