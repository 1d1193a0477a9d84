// Historical dates: before 1970, before the Gregorian reform, BC.
const dates = [Date.UTC(1969, 6, 20, 20, 17), Date.UTC(1900, 0, 1), Date.UTC(1582, 9, 15), Date.UTC(1000, 0, 1), Date.UTC(-500, 2, 15)];
return dates.map((t) => {
  const d = new Date(t);
  return [
    d.toLocaleDateString('en-US', { timeZone: 'UTC' }),
    d.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', era: 'short' }),
    d.toLocaleString('en-GB', { timeZone: 'Europe/London' }),
  ].join(' | ');
});
