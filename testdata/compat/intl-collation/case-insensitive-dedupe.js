// Remove case- and accent-insensitive duplicates from tags, keeping the first spelling.
// compat: context {"tags": ["JavaScript", "javascript", "Café", "cafe", "CAFE", "Node.js", "node.js", "naïve", "naive", "Résumé", "resume", "TypeScript"]}
const collator = new Intl.Collator("en", { sensitivity: "base" });
const unique = [];
for (const tag of context.tags) {
  if (!unique.some((u) => collator.compare(u, tag) === 0)) unique.push(tag);
}
console.log(unique);
return { unique, count: unique.length };
