// compat: context {"repos": [{"name": "react", "stars": 228901, "downloads": 25300000}, {"name": "lodash", "stars": 59800, "downloads": 52100000}, {"name": "tiny-lib", "stars": 842, "downloads": 1999}]}
// Social-style counts: 229K stars, 25M downloads.
const short = new Intl.NumberFormat('en', { notation: 'compact' });
const long = new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' });
for (const r of context.repos) console.log(`${r.name}: ${short.format(r.stars)} stars, ${long.format(r.downloads)} downloads`);
return [999, 1000, 1500, 999999, 1e6, 1.25e9, 3.8e12].map(n => short.format(n));
