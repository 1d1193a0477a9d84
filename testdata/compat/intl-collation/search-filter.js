// Accent- and case-insensitive search in a list of cities.
// compat: context {"cities": ["São Paulo", "Zürich", "Montréal", "Kraków", "Reykjavík", "Málaga", "Tromsø", "Zurich", "Sao Paulo", "Cork"], "query": "zurich"}
const c = new Intl.Collator("en", { usage: "search", sensitivity: "base" });
const q = context.query;
const hits = context.cities.filter((city) => {
  for (let i = 0; i + q.length <= city.length; i++) {
    if (c.compare(city.slice(i, i + q.length), q) === 0) return true;
  }
  return false;
});
console.log(hits);
const starts = context.cities.filter((city) => c.compare(city.slice(0, 3), "sao") === 0 || c.compare(city.slice(0, 4), "mala") === 0);
console.log(starts);
return { hits, starts };
