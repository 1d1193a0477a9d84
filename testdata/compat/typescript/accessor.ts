// accessor fields in TypeScript, typed, static and private-named.
class Temperature {
  accessor celsius: number = 20;
  static accessor unit: string = 'C';
  accessor #history: number[] = [];
  set(c: number) { this.#history.push(this.celsius); this.celsius = c; return this; }
  get history() { return this.#history; }
}
const t = new Temperature().set(25).set(30);
return { now: t.celsius, unit: Temperature.unit, history: t.history, own: Object.keys(t) };
