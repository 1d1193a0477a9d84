// compat: context {"orders": [{"id": "A-1", "total": 1234.5, "currency": "USD"}, {"id": "B-7", "total": 99.99, "currency": "EUR"}, {"id": "C-3", "total": 125000, "currency": "JPY"}, {"id": "D-9", "total": -42.1, "currency": "GBP"}]}
// A table of order totals, each in its own currency.
const rows = context.orders.map(o => {
  const fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: o.currency });
  return `${o.id.padEnd(5)} ${fmt.format(o.total).padStart(14)}`;
});
rows.forEach(r => console.log(r));
return rows.length;
