// Collecting an async generator by hand and checking the iterator protocol.
async function* letters() { yield 'x'; yield 'y'; }
const it = letters();
const self = it[Symbol.asyncIterator]() === it;
const all = [];
for await (const l of it) all.push(l);
return { self, all };
