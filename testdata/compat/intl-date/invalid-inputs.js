// Errors agents run into: bad zones, bad dates, mixed styles.
const tries = [
  () => new Date('not a date').toLocaleDateString('en-US'),
  () => new Intl.DateTimeFormat('en-US', { timeZone: 'EST5EDT' }).resolvedOptions().timeZone,
  () => new Intl.DateTimeFormat('en-US', { timeZone: 'US/Pacific' }).resolvedOptions().timeZone,
  () => new Intl.DateTimeFormat('en-US', { timeZone: 'Eastern' }).format(0),
  () => new Intl.DateTimeFormat('en-US').format(new Date('garbage')),
  () => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', month: 'long' }),
  () => new Date(0).toLocaleDateString('en-US', { timeStyle: 'short' }),
  () => new Intl.DateTimeFormat('en_US'),
];
return tries.map((f) => { try { return String(f()); } catch (e) { return `${e.name}: thrown`; } });
