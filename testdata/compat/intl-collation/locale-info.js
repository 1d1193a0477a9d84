// Week start, weekend, hour cycle and text direction per market.
const markets = ["en-US", "en-GB", "de-DE", "ar-EG", "he-IL", "ja-JP", "fa-IR", "hi-IN", "pt-BR"];
const info = {};
for (const m of markets) {
  const l = new Intl.Locale(m);
  const week = l.getWeekInfo();
  info[m] = { firstDay: week.firstDay, weekend: week.weekend, hourCycles: l.getHourCycles(), direction: l.getTextInfo().direction, calendars: l.getCalendars(), zones: (l.getTimeZones() ?? []).slice(0, 3) };
  console.log(m, JSON.stringify(info[m]));
}
return info;
