// Data transform: revenue per customer, largest first.
const byCustomer = {};
for (const o of context.orders) {
  const c = (byCustomer[o.customer] ??= { customer: o.customer, orders: 0, revenue: 0 });
  c.orders += 1;
  c.revenue = Math.round((c.revenue + o.total) * 100) / 100;
}
const ranked = Object.values(byCustomer).sort((a, b) => b.revenue - a.revenue);
console.log(`${context.orders.length} orders from ${ranked.length} customers`);
return ranked;
