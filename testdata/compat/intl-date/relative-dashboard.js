// compat: context {"runs": [{"job": "build", "start": "2025-05-01T08:00:00Z", "end": "2025-05-01T08:42:00Z"}, {"job": "test", "start": "2025-05-01T08:42:00Z", "end": "2025-05-01T10:05:00Z"}, {"job": "nightly", "start": "2025-05-01T23:30:00Z", "end": "2025-05-02T01:15:00Z"}]}
// A job dashboard: time ranges within and across days.
const f = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/Chicago' });
const g = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Chicago' });
return context.runs.map((r) => ({
  job: r.job,
  window: f.formatRange(new Date(r.start), new Date(r.end)),
  full: g.formatRange(new Date(r.start), new Date(r.end)),
}));
