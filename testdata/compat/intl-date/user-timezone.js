// compat: context {"events": [{"id": 1, "at": "2025-03-09T06:30:00Z"}, {"id": 2, "at": "2025-03-09T07:30:00Z"}, {"id": 3, "at": "2025-11-02T05:45:00Z"}, {"id": 4, "at": "2025-11-02T06:45:00Z"}], "tz": "America/New_York"}
// Timestamps shown in the user's zone, across both DST changes.
const fmt = new Intl.DateTimeFormat('en-US', {
  timeZone: context.tz, year: 'numeric', month: 'short', day: 'numeric',
  hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
});
return context.events.map((e) => ({ id: e.id, local: fmt.format(new Date(e.at)) }));
