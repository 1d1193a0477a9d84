const Serializable = (Base) => class extends Base {
  toJSON() {
    return { type: this.constructor.name, ...this };
  }
};
const Comparable = (Base) => class extends Base {
  compareTo(other) { return this.value - other.value; }
};
class Item { constructor(value) { this.value = value; } }
class SmartItem extends Serializable(Comparable(Item)) {}
const a = new SmartItem(3), b = new SmartItem(5);
return { json: JSON.parse(JSON.stringify(a)), cmp: a.compareTo(b) };
