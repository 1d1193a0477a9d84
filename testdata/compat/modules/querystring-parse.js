// compat: allowBuiltinModules
const qs = require('querystring');
const parsed = qs.parse('q=node+js&page=2&tag=a&tag=b&empty=');
console.log(parsed);
return { ...parsed, page: Number(parsed.page) };
