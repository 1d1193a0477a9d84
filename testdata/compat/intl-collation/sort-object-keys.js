// Pretty-print a config object with keys in locale order, numbers natural.
// compat: context {"config": {"item10": 1, "Item2": 2, "item1": 3, "beta": 4, "Alpha": 5, "alpha": 6, "_private": 7, "éclair": 8, "zeta": 9}}
const c = new Intl.Collator("en", { numeric: true });
const keys = Object.keys(context.config).sort(c.compare);
const ordered = {};
for (const k of keys) ordered[k] = context.config[k];
console.log(JSON.stringify(ordered));
return keys;
