// A memoizing method decorator (computed once per argument).
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
let computed = 0;
function memo(fn) {
  const cache = new Map();
  return function (n) {
    if (!cache.has(n)) cache.set(n, fn.call(this, n));
    return cache.get(n);
  };
}
class Fib {
  @memo fib(n) { computed++; return n < 2 ? n : this.fib(n - 1) + this.fib(n - 2); }
}
const f = new Fib();
return { f40: f.fib(40), computed, again: f.fib(30), computedAfter: computed };
