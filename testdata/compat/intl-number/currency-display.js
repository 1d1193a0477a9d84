// The ways to show a currency.
const show = (opts, v = 1234.5) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', ...opts }).format(v);
return {
  symbol: show({}),
  code: show({ currencyDisplay: 'code' }),
  name: show({ currencyDisplay: 'name' }),
  one: show({ currencyDisplay: 'name' }, 1),
  narrow: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }).format(10),
  cad: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CAD' }).format(10),
  noCents: show({ maximumFractionDigits: 0 }),
  accounting: show({ currencySign: 'accounting' }, -1234.5),
};
