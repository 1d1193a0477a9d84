// Build an API URL with query parameters from the context.
// compat: context {"base": "https://api.example.com/v2/", "params": {"q": "coffee shops", "limit": 25, "tags": ["a&b", "ü"]}}
const url = new URL('search', context.base);
for (const [k, v] of Object.entries(context.params)) {
  if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
  else url.searchParams.set(k, String(v));
}
console.log(url.toString());
return { href: url.href, search: url.search, tags: url.searchParams.getAll('tags') };
