// Scripts, calendars and date field labels for a settings page.
const opts = [["script", ["Latn", "Cyrl", "Arab", "Hans", "Hant"]], ["calendar", ["gregory", "japanese", "buddhist", "islamic", "hebrew"]], ["dateTimeField", ["year", "month", "weekOfYear", "day", "weekday", "dayPeriod", "hour", "timeZoneName"]]];
const out = {};
for (const [type, codes] of opts) {
  for (const style of ["long", "short", "narrow"]) {
    const dn = new Intl.DisplayNames("en", { type, style });
    out[`${type}/${style}`] = codes.map((c) => dn.of(c));
  }
  out[`${type}/fr`] = codes.map((c) => new Intl.DisplayNames("fr", { type }).of(c));
}
console.log(JSON.stringify(out, null, 1));
console.log(JSON.stringify(new Intl.DisplayNames("de", { type: "region", style: "short" }).resolvedOptions()));
return out;
