class Invoice {
  constructor(id, lines) { this.id = id; this.lines = lines; }
  get total() { return this.lines.reduce((a, l) => a + l.qty * l.price, 0); }
}
class Empty {}
const inv = new Invoice('INV-1', [{ sku: 'A', qty: 2, price: 5 }, { sku: 'B', qty: 1, price: 12.5 }]);
console.log(inv);
console.log(new Empty());
console.log([Invoice, Empty, function helper() {}, () => 1, async function load() {}]);
return inv.total;
