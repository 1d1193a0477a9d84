// compat: context {"csv": "name,qty,price\nwidget,3,2.50\ngadget,1,10\ngizmo,12,0.75\n"}
// Parse a CSV: skip the header with drop, map the rows, drop the empty tail.
const lines = context.csv.split('\n');
const header = lines[0].split(',');
const rows = lines
  .values()
  .drop(1)
  .filter((l) => l.trim() !== '')
  .map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], i === 0 ? v : Number(v)])))
  .toArray();
const total = rows.values().reduce((s, r) => s + r.qty * r.price, 0);
console.log(`${rows.length} rows, total ${total.toFixed(2)}`);
return { rows, total };
