// compat: context {"events": [{"at": "2024-03-01T09:15:00Z", "type": "login"}, {"at": "2024-03-01T17:40:00Z", "type": "logout"}, {"at": "2024-03-02T08:00:00Z", "type": "login"}, {"at": "2024-03-03T12:30:00Z", "type": "error"}, {"at": "2024-03-03T12:31:00Z", "type": "error"}]}
// Bucket timestamps by day and count the types in each bucket.
const byDay = Object.groupBy(context.events, (e) => e.at.slice(0, 10));
const out = Object.entries(byDay).map(([day, evs]) => ({
  day,
  types: Object.fromEntries(Object.entries(Object.groupBy(evs, (e) => e.type)).map(([t, l]) => [t, l.length])),
}));
for (const d of out) console.log(d.day, JSON.stringify(d.types));
return out;
