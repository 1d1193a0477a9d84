// Deduplicate and sort e-mail addresses case-insensitively.
// compat: context {"emails": ["Bob@Example.com", "alice@example.com", "bob@example.com", "ALICE@EXAMPLE.COM", "carol@example.org", "dave+1@example.com", "dave+10@example.com", "dave+2@example.com"]}
const c = new Intl.Collator("en", { sensitivity: "accent", numeric: true });
const sorted = [...context.emails].sort(c.compare);
const unique = sorted.filter((e, i) => i === 0 || c.compare(e, sorted[i - 1]) !== 0);
console.log(unique.join("\n"));
return unique;
