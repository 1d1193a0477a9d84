// Label currencies in a price list.
const codes = ["USD", "EUR", "JPY", "GBP", "CHF", "CNY", "INR", "BRL", "MXN", "KRW", "XXX"];
const en = new Intl.DisplayNames("en", { type: "currency" });
const de = new Intl.DisplayNames("de", { type: "currency" });
const ja = new Intl.DisplayNames("ja", { type: "currency" });
const rows = codes.map((c) => [c, en.of(c), de.of(c), ja.of(c)]);
for (const r of rows) console.log(r.join(" | "));
const none = new Intl.DisplayNames("en", { type: "currency", fallback: "none" });
console.log(none.of("ABC"), en.of("ABC"));
return rows;
