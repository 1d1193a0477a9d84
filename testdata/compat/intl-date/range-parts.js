// formatRangeToParts, for highlighting the start and end of a range.
const f = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const parts = f.formatRangeToParts(new Date('2025-03-03'), new Date('2025-03-05'));
return parts.map((p) => `${p.source}:${p.type}:${p.value}`);
