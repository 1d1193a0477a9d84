// The helpers on every built-in iterator: Set, String, matchAll, Map keys, generators.
const words = 'the quick brown fox jumps over the lazy dog';
const vowels = words[Symbol.iterator]().filter((c) => 'aeiou'.includes(c)).toArray().length;
const numbers = [...'a1b22c333'.matchAll(/\d+/g).map((m) => Number(m[0]))];
const set = new Set(words.split(' '));
const long = set.values().filter((w) => w.length > 4).toArray();
const keys = new Map([['x', 1], ['y', 2]]).keys().map((k) => k.toUpperCase()).toArray();
function* count() { let i = 0; while (true) yield i++; }
const squares = count().map((n) => n * n).drop(2).take(4).toArray();
console.log(vowels, numbers.join('+'), long.join(','));
return { vowels, numbers, long, keys, squares };
