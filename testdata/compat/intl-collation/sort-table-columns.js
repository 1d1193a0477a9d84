// Sort table rows by a text column then a numeric-looking column, both ways.
// compat: context {"rows": [{"name": "beta", "size": "10 KB"}, {"name": "Alpha", "size": "2 KB"}, {"name": "alpha", "size": "100 KB"}, {"name": "Gamma", "size": "9 KB"}, {"name": "delta", "size": "1 MB"}, {"name": "Éclair", "size": "20 KB"}]}
const c = new Intl.Collator("en", { numeric: true });
const asc = [...context.rows].sort((a, b) => c.compare(a.name, b.name));
const bySize = [...context.rows].sort((a, b) => c.compare(a.size, b.size));
const desc = [...context.rows].sort((a, b) => -c.compare(a.name, b.name));
console.table ? console.log(asc.map((r) => r.name).join(" | ")) : null;
return { asc: asc.map((r) => r.name), desc: desc.map((r) => r.name), bySize: bySize.map((r) => r.size) };
