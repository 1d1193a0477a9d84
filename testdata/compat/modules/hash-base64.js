// compat: allowBuiltinModules
const crypto = require('crypto');
const data = ['one', 'two', 'three'];
return data.map((d) => ({ d, b64: crypto.createHash('sha1').update(d).digest('base64'), url: crypto.createHash('sha256').update(d).digest('base64url').slice(0, 10) }));
