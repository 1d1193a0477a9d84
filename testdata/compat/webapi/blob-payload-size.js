// Check payload sizes in bytes with Blob before sending them on, and split
// an oversized one into chunks.
// compat: context {"messages": ["short", "naïve café ✓", "😀😀😀"]}
const limit = 12;
const sized = context.messages.map((m) => ({ m, chars: m.length, bytes: new Blob([m]).size }));
const big = new Blob([context.messages.join('\n')], { type: 'text/plain' });
const chunks = [];
for (let i = 0; i < big.size; i += limit) chunks.push(await big.slice(i, i + limit).text());
return { sized, total: big.size, type: big.type, chunks: chunks.length, first: chunks[0], rejoined: (await big.text()).split('\n').length };
