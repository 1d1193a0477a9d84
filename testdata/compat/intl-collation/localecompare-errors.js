// Bad locale and option values throw the errors Node throws.
const tries = [
  () => "a".localeCompare("b", "en_US"),
  () => "a".localeCompare("b", "en", { sensitivity: "loose" }),
  () => new Intl.Collator("en", { usage: "filter" }),
  () => new Intl.Locale(""),
  () => new Intl.Locale("en", { hourCycle: "h25" }),
  () => Intl.Locale("en"),
  () => new Intl.DisplayNames("en"),
  () => new Intl.DisplayNames("en", { type: "region" }).of("USA"),
  () => new Intl.Segmenter("en", { granularity: "line" }),
  () => Intl.getCanonicalLocales(["en", 42]),
];
const out = tries.map((f) => { try { f(); return "ok"; } catch (e) { return e.name; } });
console.log(out.join(" "));
return out;
