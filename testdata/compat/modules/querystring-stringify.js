// compat: allowBuiltinModules
const querystring = require('querystring');
const params = { search: 'hello world', filters: ['new', 'sale'], limit: 10, note: 'a&b=c' };
const s = querystring.stringify(params);
console.log(s);
return querystring.parse(s).filters;
