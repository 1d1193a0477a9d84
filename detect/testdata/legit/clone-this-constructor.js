class Vec {
  constructor(x, y) { this.x = x; this.y = y; }
  clone() { return new this.constructor(this.x, this.y); }
  plus(o) { return new this.constructor(this.x + o.x, this.y + o.y); }
}
const v = new Vec(1, 2).plus(new Vec(3, 4)).clone();
return [v.x, v.y, v instanceof Vec];
