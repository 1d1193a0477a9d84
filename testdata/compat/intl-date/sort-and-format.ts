// compat: context {"tickets": [{"id": "T-3", "updated": "2025-02-01T09:15:00Z"}, {"id": "T-1", "updated": "2025-01-30T18:45:00Z"}, {"id": "T-2", "updated": "2025-02-01T08:05:00Z"}]}
// Tickets sorted by update time, with a human-readable "updated" column.
type Ticket = { id: string; updated: string };
const fmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const rows = (context.tickets as Ticket[])
  .slice()
  .sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated))
  .map((t) => `${t.id.padEnd(4)} ${fmt.format(new Date(t.updated))}`);
console.log(rows.join('\n'));
return rows;
