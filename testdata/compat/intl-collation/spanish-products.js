// Locale-aware sort of a Spanish product catalogue, ignoring case.
// compat: context {"products": [{"name": "ñame", "price": 3.5}, {"name": "Nuez", "price": 7}, {"name": "nabo", "price": 1.2}, {"name": "Ñandú de peluche", "price": 15}, {"name": "óleo", "price": 9}, {"name": "Oliva", "price": 4}, {"name": "chocolate", "price": 2}, {"name": "Cereza", "price": 6}, {"name": "llave", "price": 5}, {"name": "Lima", "price": 1}]}
const byName = new Intl.Collator("es", { sensitivity: "accent" });
const sorted = [...context.products].sort((a, b) => byName.compare(a.name, b.name));
for (const p of sorted) console.log(p.name, p.price.toFixed(2));
return sorted.map((p) => p.name);
