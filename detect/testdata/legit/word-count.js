const text = context.text || 'the cat and the hat and the bat';
const counts = new Map();
for (const word of text.toLowerCase().match(/[a-z']+/g) || []) {
  counts.set(word, (counts.get(word) || 0) + 1);
}
return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5);
