const rows = [
  { sku: 'A-100', name: 'Widget', qty: 4, price: 9.99 },
  { sku: 'B-200', name: 'Gadget', qty: 1, price: 24.5 },
  { sku: 'C-300', name: 'Doohickey', qty: 12, price: 0.75 },
];
console.table(rows);
console.table(rows, ['sku', 'qty']);
return rows.reduce((s, r) => s + r.qty * r.price, 0);
