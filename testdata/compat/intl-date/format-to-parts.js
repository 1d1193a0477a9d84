// Building a custom "YYYY-MM-DD HH:mm" string in a zone from formatToParts.
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hour12: false,
}).formatToParts(new Date('2025-03-03T20:15:00Z'));
const get = (t) => parts.find((p) => p.type === t).value;
console.log(JSON.stringify(parts));
return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
