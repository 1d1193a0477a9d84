const text = "Order #1234 shipped to Paris on 2025-03-01";
const m = /#(?<order>\d+).*?on (?<date>\d{4}-\d{2}-\d{2})/d.exec(text);
const spans = Object.fromEntries(Object.entries(m.indices.groups).map(([k, [s, e]]) => [k, { s, e, text: text.slice(s, e) }]));
console.log(m.indices[0], /x/d.hasIndices, /x/gd.flags);
return spans;
