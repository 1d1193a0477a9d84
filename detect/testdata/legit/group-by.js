const orders = context.orders || [
  { id: 1, customer: 'ana', total: 12.5 },
  { id: 2, customer: 'bo', total: 7 },
  { id: 3, customer: 'ana', total: 3.25 },
];
const byCustomer = {};
for (const o of orders) {
  (byCustomer[o.customer] ||= []).push(o);
}
return Object.entries(byCustomer).map(([customer, list]) => ({
  customer,
  count: list.length,
  total: list.reduce((s, o) => s + o.total, 0),
}));
