// Abstract classes and methods, protected members, overrides.
abstract class Shape {
  constructor(protected readonly label: string) {}
  abstract area(): number;
  describe(): string { return `${this.label}: ${this.area().toFixed(2)}`; }
}
class Circle extends Shape {
  constructor(private r: number) { super('circle'); }
  area() { return Math.PI * this.r ** 2; }
}
class Rect extends Shape {
  constructor(private w: number, private h: number) { super('rect'); }
  override area() { return this.w * this.h; }
}
const shapes: Shape[] = [new Circle(1), new Rect(2, 3)];
return shapes.map((s) => s.describe());
