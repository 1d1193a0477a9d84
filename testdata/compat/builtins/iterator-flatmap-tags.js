// compat: context {"posts": [{"title": "a", "tags": ["go", "js"]}, {"title": "b", "tags": ["js", "wasm"]}, {"title": "c", "tags": []}, {"title": "d", "tags": ["go"]}]}
// Unique tags with counts, through flatMap over the posts.
const counts = new Map();
context.posts.values().flatMap((p) => p.tags).forEach((t) => counts.set(t, (counts.get(t) ?? 0) + 1));
const unique = new Set(context.posts.values().flatMap((p) => p.tags));
console.log('unique tags:', [...unique].join(' '));
return { counts: Object.fromEntries(counts), unique: [...unique].sort() };
