// A decorator on an accessor that validates writes.
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
function positive({ get, set }, ctx) {
  return {
    get() { return get.call(this); },
    set(v) {
      if (!(v > 0)) throw new RangeError(`${String(ctx.name)} must be positive, got ${v}`);
      set.call(this, v);
    },
    init(v) { return v ?? 1; },
  };
}
class Order {
  @positive accessor quantity;
  @positive accessor price = 9.5;
}
const o = new Order();
const errors = [];
try { o.quantity = 0; } catch (e) { errors.push(`${e.name}: ${e.message}`); }
o.quantity = 3;
return { quantity: o.quantity, price: o.price, total: o.quantity * o.price, errors };
