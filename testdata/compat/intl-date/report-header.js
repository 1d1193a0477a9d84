// A report header with the full date, as agents write at the top of summaries.
const d = new Date('2025-03-03T09:30:00Z');
const header = `Weekly report — ${d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })}`;
console.log(header);
console.log('Generated', d.toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }));
return header;
