// compat: context {"lines": [{"name": "Revenue", "amount": 152340.5}, {"name": "Cost of goods", "amount": -84210.25}, {"name": "Refunds", "amount": -1200}, {"name": "Other income", "amount": 0}]}
// A profit-and-loss summary with accounting negatives and explicit signs.
const acc = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' });
const signed = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', signDisplay: 'exceptZero' });
let net = 0;
for (const l of context.lines) {
  net += l.amount;
  console.log(`${l.name.padEnd(14)}${acc.format(l.amount).padStart(14)}  ${signed.format(l.amount)}`);
}
console.log('Net'.padEnd(14) + acc.format(net).padStart(14));
return acc.format(net);
