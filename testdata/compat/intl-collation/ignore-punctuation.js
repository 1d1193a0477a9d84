// Group company names that differ only by punctuation and spacing.
const names = ["AT&T", "ATT", "A.T.T.", "Procter & Gamble", "Procter and Gamble", "e-Bay", "eBay", "E Bay", "co-op", "coop"];
const c = new Intl.Collator("en", { ignorePunctuation: true, sensitivity: "base" });
const groups = [];
for (const n of names) {
  const g = groups.find((g) => c.compare(g[0], n) === 0);
  if (g) g.push(n); else groups.push([n]);
}
console.log(groups.map((g) => g.join(" = ")).join("\n"));
return groups;
