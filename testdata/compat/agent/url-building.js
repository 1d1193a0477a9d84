const base = 'https://api.example.com/v2/search';
const params = new URLSearchParams({ q: 'coffee & tea', page: '2' });
params.append('tag', 'hot');
params.append('tag', 'iced');
const url = new URL(`${base}?${params}`);
console.log(url.href);
return { host: url.host, tags: url.searchParams.getAll('tag'), q: url.searchParams.get('q') };
