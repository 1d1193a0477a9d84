const text = 'The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!';
const words = text.toLowerCase().match(/[a-z]+/g);
const freq = words.reduce((m, w) => m.set(w, (m.get(w) || 0) + 1), new Map());
const top = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
console.log(top);
return { words: words.length, unique: freq.size, top: Object.fromEntries(top) };
