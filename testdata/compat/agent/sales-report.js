// compat: context {"orders":[{"id":1,"customer":"Ana","region":"EU","total":1234.5,"date":"2025-03-03T10:00:00Z"},{"id":2,"customer":"Ben","region":"US","total":99.99,"date":"2025-03-04T15:30:00Z"},{"id":3,"customer":"Ana","region":"EU","total":310,"date":"2025-03-10T08:15:00Z"},{"id":4,"customer":"Chen","region":"APAC","total":5600.75,"date":"2025-04-01T00:00:00Z"}]}
const { orders = [] } = context;
const byRegion = Object.groupBy(orders, (o) => o.region);
const fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const summary = Object.entries(byRegion).map(([region, list]) => ({
  region,
  count: list.length,
  revenue: fmt.format(list.reduce((s, o) => s + o.total, 0)),
}));
summary.sort((a, b) => a.region.localeCompare(b.region));
console.table(summary);
return summary;
