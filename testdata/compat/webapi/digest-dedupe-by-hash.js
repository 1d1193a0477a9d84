// Deduplicate records by a content hash.
// compat: context {"rows": [{"a": 1, "b": "x"}, {"a": 2}, {"a": 1, "b": "x"}, {"b": "x", "a": 1}]}
const seen = new Map();
for (const row of context.rows) {
  const digest = await crypto.subtle.digest({ name: 'SHA-256' }, new TextEncoder().encode(JSON.stringify(row)));
  const key = btoa(String.fromCharCode(...new Uint8Array(digest))).slice(0, 16);
  if (!seen.has(key)) seen.set(key, row);
}
return { unique: [...seen.values()], keys: [...seen.keys()] };
