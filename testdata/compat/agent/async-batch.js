const fakeFetch = (id) => new Promise((resolve) => setTimeout(() => resolve({ id, ok: id % 3 !== 0 }), 5 * (id % 4)));
const ids = Array.from({ length: 10 }, (_, i) => i + 1);
const results = [];
for (let i = 0; i < ids.length; i += 4) {
  const batch = await Promise.all(ids.slice(i, i + 4).map(fakeFetch));
  results.push(...batch);
}
const failed = results.filter((r) => !r.ok).map((r) => r.id);
console.log(`fetched ${results.length}, failed: ${failed}`);
return { failed };
