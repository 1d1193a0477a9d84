// Turn ISO country codes from an API into display names in several languages.
// compat: context {"orders": [{"id": 1, "country": "US"}, {"id": 2, "country": "DE"}, {"id": 3, "country": "JP"}, {"id": 4, "country": "BR"}, {"id": 5, "country": "GB"}, {"id": 6, "country": "CH"}, {"id": 7, "country": "KR"}, {"id": 8, "country": "419"}]}
const langs = ["en", "de", "fr", "es", "ja", "zh"];
const namers = Object.fromEntries(langs.map((l) => [l, new Intl.DisplayNames([l], { type: "region" })]));
const table = context.orders.map((o) => ({ id: o.id, ...Object.fromEntries(langs.map((l) => [l, namers[l].of(o.country)])) }));
for (const row of table) console.log(JSON.stringify(row));
const counts = {};
for (const o of context.orders) counts[namers.en.of(o.country)] = (counts[namers.en.of(o.country)] ?? 0) + 1;
return { table, counts };
