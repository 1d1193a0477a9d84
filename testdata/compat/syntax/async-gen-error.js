// An error thrown inside an async generator reaches the loop's catch.
async function* records(list) {
  for (const r of list) {
    await null;
    if (typeof r.amount !== 'number') throw new TypeError(`bad record ${r.id}`);
    yield r;
  }
}
const good = [];
let error = null;
try {
  for await (const r of records([{ id: 1, amount: 5 }, { id: 2, amount: 7 }, { id: 3, amount: 'x' }, { id: 4, amount: 1 }])) {
    good.push(r.id);
  }
} catch (e) {
  error = `${e.name}: ${e.message}`;
  console.error(error);
}
return { good, error };
