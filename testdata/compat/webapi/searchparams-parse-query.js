// Parse a query string from a webhook payload.
// compat: context {"query": "?event=push&repo=acme%2Fwidgets&branch=main&files=a.js&files=b%20c.js&dry_run&sig=ab%2Bcd%3D%3D"}
const p = new URLSearchParams(context.query);
const out = {};
for (const key of new Set(p.keys())) {
  const all = p.getAll(key);
  out[key] = all.length > 1 ? all : all[0];
}
return { out, size: p.size, hasDry: p.has('dry_run'), sig: p.get('sig'), missing: p.get('nope') };
