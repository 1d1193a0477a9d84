// How case and accents order and compare under each option.
const words = ["a", "A", "á", "Á", "b", "B", "ab", "Ab", "AB"];
const result = {};
for (const sensitivity of ["base", "accent", "case", "variant"]) {
  const c = new Intl.Collator("en", { sensitivity });
  result[sensitivity] = words.map((w) => c.compare("a", w));
}
result.upperFirst = [...words].sort(new Intl.Collator("en", { caseFirst: "upper" }).compare);
result.lowerFirst = [...words].sort(new Intl.Collator("en", { caseFirst: "lower" }).compare);
console.log(JSON.stringify(result, null, 1));
return result;
