// url.searchParams and url.search stay in step both ways.
const u = new URL('https://example.com/list?sort=asc');
const params = u.searchParams;
params.append('filter', 'status:open');
const afterAppend = u.href;
u.search = '?page=3';
const afterSearch = [...params];
params.delete('page');
return { afterAppend, afterSearch, final: u.href, same: params === u.searchParams };
