// compat: context {"customers": [{"id": "c1", "name": "Ana"}, {"id": "c2", "name": "Bo"}], "invoices": [{"customer": "c1", "amount": 100}, {"customer": "c2", "amount": 40}, {"customer": "c1", "amount": 25}]}
// Map.groupBy keyed by the customer objects themselves.
const customers = new Map(context.customers.map((c) => [c.id, c]));
const byCustomer = Map.groupBy(context.invoices, (inv) => customers.get(inv.customer));
const rows = [];
for (const [customer, invoices] of byCustomer) {
  rows.push({ name: customer.name, invoices: invoices.length, owed: invoices.reduce((s, i) => s + i.amount, 0) });
}
console.log(`${byCustomer.size} customers with invoices`);
return rows.sort((a, b) => b.owed - a.owed);
