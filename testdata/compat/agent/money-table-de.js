const items = [{ name: 'Kaffee', price: 3.5 }, { name: 'Kuchen', price: 12 }, { name: 'Wasser', price: 1234.567 }];
const eur = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
for (const i of items) console.log(`${i.name.padEnd(8)} ${eur.format(i.price)}`);
return items.map((i) => (i.price).toLocaleString('de-DE', { minimumFractionDigits: 2 }));
