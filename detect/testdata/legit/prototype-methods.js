function Stack() {
  this.items = [];
}
Stack.prototype.push = function (x) {
  this.items.push(x);
  return this;
};
Stack.prototype.peek = function () {
  return this.items[this.items.length - 1];
};
const s = new Stack().push(1).push(2);
const upper = Array.prototype.map.call('abc', (c) => c.toUpperCase());
return { top: s.peek(), size: s.items.length, upper, isStack: s instanceof Stack };
