const prices = [{ item: 'tea', cents: 350 }, { item: 'cake', cents: 1275 }];
const euro = (cents) => `€${(cents / 100).toFixed(2)}`;
const total = prices.reduce((s, p) => s + p.cents, 0);
return { lines: prices.map((p) => `${p.item.padEnd(6)}${euro(p.cents)}`), total: euro(total) };
