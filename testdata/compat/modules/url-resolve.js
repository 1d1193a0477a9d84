// compat: allowBuiltinModules
const url = require('url');
const base = 'https://example.com/docs/guide/';
return ['intro.html', '../api/', '/root', '?q=1', 'https://other.org/x'].map((r) => url.resolve(base, r));
