// TC39 standard decorators (TypeScript's default): method and class.
type Method = (this: any, ...args: any[]) => any;
const calls: string[] = [];
function traced<T extends Method>(fn: T, ctx: ClassMethodDecoratorContext): T {
  return function (this: any, ...args: any[]) {
    calls.push(`${String(ctx.name)}/${args.length}`);
    return fn.apply(this, args);
  } as T;
}
function sealed<T extends new (...a: any[]) => object>(cls: T, ctx: ClassDecoratorContext): T {
  ctx.addInitializer(function () { Object.seal(this.prototype); });
  return cls;
}
@sealed
class Cart {
  items: number[] = [];
  @traced add(n: number) { this.items.push(n); return this; }
  @traced total(): number { return this.items.reduce((a, b) => a + b, 0); }
}
const c = new Cart().add(3).add(4);
return { total: c.total(), calls, sealed: Object.isSealed(Cart.prototype) };
