// Generics: defaults, constraints, const type parameters, inference.
function groupBy<T, K extends PropertyKey = string>(xs: readonly T[], key: (x: T) => K): Record<K, T[]> {
  const out = {} as Record<K, T[]>;
  for (const x of xs) (out[key(x)] ??= []).push(x);
  return out;
}
function tuple<const T extends readonly unknown[]>(...xs: T): T { return xs; }
class Box<T = number> {
  constructor(public value: T) {}
  map<U>(f: (v: T) => U): Box<U> { return new Box(f(this.value)); }
}
const people = [{ n: 'ana', age: 31 }, { n: 'bo', age: 17 }, { n: 'cy', age: 45 }];
const groups = groupBy(people, (p) => (p.age >= 18 ? 'adult' : 'minor'));
return { groups, t: tuple(1, 'a', true), box: new Box(20).map((v) => `${v}!`).value };
