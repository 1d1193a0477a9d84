// compat: context {"invoices": [{"amount": 120, "date": "2024-11-05"}, {"amount": 80, "date": "2024-11-28"}, {"amount": 200, "date": "2024-12-01"}, {"amount": 50, "date": "2025-01-17"}]}
// Totals per month labelled "Nov 2024".
const label = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const totals = new Map();
for (const inv of context.invoices) {
  const k = label.format(new Date(inv.date));
  totals.set(k, (totals.get(k) || 0) + inv.amount);
}
return Object.fromEntries(totals);
