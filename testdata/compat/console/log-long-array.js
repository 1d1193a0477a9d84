const ids = Array.from({ length: 130 }, (_, i) => i * 7);
console.log(ids);
const words = 'the quick brown fox jumps over the lazy dog again and again until tired'.split(' ');
console.log(words);
return ids.length;
