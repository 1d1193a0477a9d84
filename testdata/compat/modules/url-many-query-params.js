// compat: allowBuiltinModules
const url = require('url');
const querystring = require('querystring');
const links = ['https://shop.example/p?id=1&ref=mail', 'https://shop.example/p?id=2&ref=ad&ref=mail', 'https://shop.example/p?id=3'];
const refs = {};
for (const l of links) {
  const { query } = url.parse(l);
  const q = querystring.parse(query);
  for (const r of [].concat(q.ref || 'none')) refs[r] = (refs[r] || 0) + 1;
}
console.log(refs);
return refs;
