// compat: context {"meeting": "2025-10-28T15:00:00Z", "team": [{"name": "Ana", "tz": "America/Sao_Paulo", "locale": "pt-BR"}, {"name": "Liam", "tz": "Europe/Dublin", "locale": "en-IE"}, {"name": "Priya", "tz": "Asia/Kolkata", "locale": "en-IN"}, {"name": "Kenji", "tz": "Asia/Tokyo", "locale": "ja-JP"}, {"name": "Zoe", "tz": "America/Los_Angeles", "locale": "en-US"}]}
// One meeting, shown to each participant in their zone and language.
const when = new Date(context.meeting);
const lines = context.team.map((p) => `${p.name}: ${when.toLocaleString(p.locale, {
  timeZone: p.tz, weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
})}`);
console.log(lines.join('\n'));
return lines;
