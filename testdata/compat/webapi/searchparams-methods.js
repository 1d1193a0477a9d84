// Every URLSearchParams method an agent reaches for.
const p = new URLSearchParams([['b', '2'], ['a', '1'], ['b', '3']]);
p.append('c', 'x y');
p.set('a', 'one');
p.delete('b', '3');
const seen = [];
p.forEach((v, k) => seen.push(`${k}=${v}`));
p.sort();
return {
  str: p.toString(), seen, entries: [...p.entries()], keys: [...p.keys()], values: [...p.values()],
  has: [p.has('a'), p.has('b', '2'), p.has('b', '3')], size: p.size,
};
