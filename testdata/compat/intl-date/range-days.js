// "Mar 3 – 5" style ranges for trips and sprints.
const f = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const ranges = [
  ['2025-03-03', '2025-03-05'],
  ['2025-03-28', '2025-04-02'],
  ['2025-12-30', '2026-01-02'],
  ['2025-07-04', '2025-07-04'],
];
return ranges.map(([a, b]) => f.formatRange(new Date(a), new Date(b)));
