// Sort people by last name, then first name, in English.
// compat: context {"people": [{"first": "Zoë", "last": "Müller"}, {"first": "Ángel", "last": "Núñez"}, {"first": "anna", "last": "müller"}, {"first": "Émile", "last": "Zola"}, {"first": "Bob", "last": "de la Cruz"}, {"first": "Chloé", "last": "O'Brien"}, {"first": "Dan", "last": "Obrien"}, {"first": "Eve", "last": "Mueller"}]}
const c = new Intl.Collator("en");
const people = [...context.people].sort((a, b) => c.compare(a.last, b.last) || c.compare(a.first, b.first));
for (const p of people) console.log(`${p.last}, ${p.first}`);
return people.map((p) => `${p.first} ${p.last}`);
