// Array.prototype.toLocaleString passes the locale and options to each element.
const prices = [1234.5, 99, 0.5];
return {
  plain: prices.toLocaleString(),
  de: prices.toLocaleString('de-DE'),
  usd: prices.toLocaleString('en-US', { style: 'currency', currency: 'USD' }),
  nested: [1e6, [2e6, 3.25], null, undefined, 'text'].toLocaleString('en-IN'),
  big: [12345678901234567890n, 5n].toLocaleString('fr-FR'),
};
