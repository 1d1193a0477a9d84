// Normalize user-supplied locale codes before using them.
// compat: context {"input": ["EN-us", "en_US", "iw-IL", "zh-hant-tw", "pt-br", "in", "sh", "de-DE-u-co-phonebk", "en-US-u-ca-gregory-nu-latn", "x-klingon", "ES-419"]}
const out = [];
for (const tag of context.input) {
  try {
    out.push([tag, Intl.getCanonicalLocales(tag)[0]]);
  } catch (e) {
    out.push([tag, e.name]);
  }
}
for (const [a, b] of out) console.log(a.padEnd(28), b);
console.log(Intl.getCanonicalLocales(["en-us", "EN-US", "fr"]));
return out;
