const sortBy = (items, key, cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)) =>
  [...items].sort((x, y) => cmp(x[key], y[key]));
const people = [{ name: 'cy', age: 40 }, { name: 'ana', age: 31 }, { name: 'bo', age: 27 }];
const byAgeDesc = sortBy(people, 'age', (a, b) => b - a);
return { byName: sortBy(people, 'name').map((p) => p.name), byAgeDesc: byAgeDesc.map((p) => p.age) };
