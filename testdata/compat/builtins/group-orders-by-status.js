// compat: context {"orders": [{"id": 1, "status": "paid", "total": 30}, {"id": 2, "status": "pending", "total": 12.5}, {"id": 3, "status": "paid", "total": 7}, {"id": 4, "status": "refunded", "total": 30}, {"id": 5, "status": "pending", "total": 5}]}
// Group tool results by a field, then summarise each group.
const byStatus = Object.groupBy(context.orders, (o) => o.status);
const summary = {};
for (const [status, orders] of Object.entries(byStatus)) {
  summary[status] = { count: orders.length, total: orders.reduce((s, o) => s + o.total, 0), ids: orders.map((o) => o.id) };
}
console.log('statuses:', Object.keys(byStatus).join(', '));
return summary;
