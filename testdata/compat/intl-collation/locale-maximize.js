// Fill in likely script and region for bare language codes, and minimize back.
const codes = ["en", "zh", "zh-TW", "sr", "pt", "ar", "ja", "ru", "hi", "und-Cyrl", "es-MX", "fr-CA"];
const rows = codes.map((c) => {
  const l = new Intl.Locale(c);
  const max = l.maximize();
  return [c, max.toString(), max.script, max.region, l.minimize().toString()];
});
for (const r of rows) console.log(r.join("\t"));
return rows;
