// Zones with half- and quarter-hour offsets.
const d = new Date('2025-06-01T12:00:00Z');
return ['Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Adelaide', 'Asia/Tehran', 'Pacific/Chatham'].map((z) =>
  `${z}: ${d.toLocaleTimeString('en-US', { timeZone: z, timeZoneName: 'shortOffset' })} / ${d.toLocaleTimeString('en-US', { timeZone: z, timeZoneName: 'long' })}`);
