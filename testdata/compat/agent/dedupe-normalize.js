// compat: context {"emails":["Ana@Example.com","ana@example.com ","bob@test.io","BOB@test.io","carol@x.org"]}
const seen = new Set();
const unique = [];
for (const raw of context.emails) {
  const e = raw.trim().toLowerCase();
  if (!seen.has(e)) { seen.add(e); unique.push(e); }
}
const domains = Object.groupBy(unique, (e) => e.split('@')[1]);
return { unique, domains: Object.fromEntries(Object.entries(domains).map(([d, l]) => [d, l.length])) };
