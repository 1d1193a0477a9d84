// compat: allowBuiltinModules
const util = require('util');
class Money {
  constructor(cents, currency) { this.cents = cents; this.currency = currency; }
  [util.inspect.custom](depth, options, inspect) {
    if (depth < 0) return options.stylize('[Money]', 'special');
    return `Money(${inspect(this.cents / 100, options)} ${this.currency})`;
  }
}
const order = { id: 'o-1', total: new Money(123456, 'EUR'), lines: [{ sku: 'x', price: new Money(999, 'EUR') }] };
console.log(order);
console.log(util.inspect(order, { depth: 0 }));
console.log(util.inspect(order, { numericSeparator: true }));
return util.format('%s | %O', order.total, order.lines);
