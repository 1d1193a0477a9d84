const byStatus = new Map();
for (const [id, s] of [[1, 'open'], [2, 'closed'], [3, 'open'], [4, 'blocked']]) {
  if (!byStatus.has(s)) byStatus.set(s, []);
  byStatus.get(s).push(id);
}
console.log(byStatus);
console.log(new Set(['a', 'b', 'a', 'c']));
console.log(new Map([[{ k: 1 }, new Set([1, 2])]]));
return [...byStatus.keys()];
