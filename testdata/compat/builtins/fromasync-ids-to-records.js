// compat: context {"ids": [3, 1, 2]}
// Map ids to records with an async mapper; order follows the input.
const db = { 1: 'alpha', 2: 'beta', 3: 'gamma' };
const lookup = async (id) => {
  await new Promise((r) => setTimeout(r, 10 - id));
  return { id, name: db[id] };
};
const records = await Array.fromAsync(context.ids, lookup);
const fromPromises = await Array.fromAsync(context.ids.map(lookup));
console.log(records.map((r) => r.name).join(','));
return { records, same: JSON.stringify(records) === JSON.stringify(fromPromises) };
