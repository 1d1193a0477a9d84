// Parse locale tags with Intl.Locale and report their parts.
const tags = ["en-US", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "ja-JP-u-ca-japanese-hc-h23", "ar-EG-u-nu-arab", "en-GB-u-co-phonebk-kn", "es-419"];
const parts = tags.map((t) => {
  const l = new Intl.Locale(t);
  return { tag: l.toString(), base: l.baseName, language: l.language, script: l.script ?? null, region: l.region ?? null, calendar: l.calendar ?? null, hourCycle: l.hourCycle ?? null, numberingSystem: l.numberingSystem ?? null, numeric: l.numeric, collation: l.collation ?? null };
});
for (const p of parts) console.log(JSON.stringify(p));
const custom = new Intl.Locale("en", { region: "GB", calendar: "gregory", hourCycle: "h12" });
console.log(String(custom), custom.region, custom.hourCycle);
return parts;
