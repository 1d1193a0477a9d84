// compat: context {"invoice": {"items": [{"desc": "Widget", "qty": 3, "unit": 19.99}, {"desc": "Gadget", "qty": 1, "unit": 1249}, {"desc": "Service", "qty": 12.5, "unit": 80}], "taxRate": 0.19, "currency": "EUR"}}
// An invoice rendered for three audiences.
const inv = context.invoice;
const subtotal = inv.items.reduce((s, i) => s + i.qty * i.unit, 0);
const tax = subtotal * inv.taxRate;
const render = loc => {
  const money = new Intl.NumberFormat(loc, { style: 'currency', currency: inv.currency });
  const qty = new Intl.NumberFormat(loc, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(loc, { style: 'percent' });
  return [
    ...inv.items.map(i => `${i.desc}: ${qty.format(i.qty)} × ${money.format(i.unit)} = ${money.format(i.qty * i.unit)}`),
    `Tax (${pct.format(inv.taxRate)}): ${money.format(tax)}`,
    `Total: ${money.format(subtotal + tax)}`,
  ].join('\n');
};
for (const loc of ['en-US', 'de-DE', 'fr-FR']) console.log(render(loc));
return render('ja-JP');
