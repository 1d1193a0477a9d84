// What agents print when debugging locale issues.
const r = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', timeZone: 'Asia/Calcutta' }).resolvedOptions();
console.log(JSON.stringify(r));
const s = new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).resolvedOptions();
console.log(JSON.stringify(s));
return Intl.DateTimeFormat().resolvedOptions().timeZone;
