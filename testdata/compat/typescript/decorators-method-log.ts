// A TC39 method decorator that logs calls.
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
function logged(fn, ctx) {
  return function (...args) {
    console.log(`${String(ctx.name)}(${args.join(', ')})`);
    return fn.apply(this, args);
  };
}
class Calculator {
  @logged add(a, b) { return a + b; }
  @logged static twice(x) { return x * 2; }
}
const c = new Calculator();
return [c.add(2, 3), Calculator.twice(21)];
