// compat: context {"rows": [{"name": "deploy", "ts": "2025-01-15T14:03:27Z"}, {"name": "rollback", "ts": "2025-01-15T22:41:09.512Z"}, {"name": "hotfix", "ts": "2025-06-30T23:59:59Z"}]}
// ISO timestamps from a tool turned into a table of local times.
const zones = ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney'];
const table = context.rows.map((r) => {
  const row = { name: r.name };
  for (const z of zones) {
    row[z] = new Date(r.ts).toLocaleString('en-GB', { timeZone: z, dateStyle: 'short', timeStyle: 'short' });
  }
  return row;
});
console.log(JSON.stringify(table[0]));
return table;
