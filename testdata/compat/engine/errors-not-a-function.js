// compat: context {"result": {"items": {"a": 1}, "meta": null}}
const attempts = [
  () => context.result.items.map((x) => x),
  () => context.result.items.forEach(console.log),
  () => JSON.parse("{}").toUpperCase(),
  () => context.result.meta.page,
  () => [].reduce((a, b) => a + b),
  () => BigInt(2.5),
];
return attempts.map((f) => {
  try { f(); return "ok"; } catch (e) { return `${e.name}: ${e.message}`; }
});
