// Time zone names in every style, for a meeting invite.
const d = new Date('2025-01-20T17:00:00Z');
const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Europe/London', 'Asia/Tokyo', 'UTC'];
const styles = ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'];
const out = {};
for (const z of zones) {
  out[z] = styles.map((s) => new Intl.DateTimeFormat('en-US', { timeZone: z, hour: 'numeric', minute: '2-digit', timeZoneName: s }).format(d));
}
return out;
