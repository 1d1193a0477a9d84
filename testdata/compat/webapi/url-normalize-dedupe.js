// Normalise URLs (drop tracking parameters and fragments, sort the query) and dedupe.
// compat: context {"urls": ["https://Example.com/a?utm_source=x&b=2&a=1#top", "https://example.com:443/a?a=1&b=2", "https://example.com/a?b=2&a=1&utm_medium=y", "https://example.com/A?a=1"]}
const norm = (s) => {
  const u = new URL(s);
  for (const k of [...u.searchParams.keys()]) if (k.startsWith('utm_')) u.searchParams.delete(k);
  u.searchParams.sort();
  u.hash = '';
  return u.href;
};
const unique = [...new Set(context.urls.map(norm))];
console.log(unique.join('\n'));
return unique.length;
