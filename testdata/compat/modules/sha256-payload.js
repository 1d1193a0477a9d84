// compat: allowBuiltinModules
const crypto = require('crypto');
const payload = JSON.stringify({ id: 42, items: ['a', 'b'] });
const digest = crypto.createHash('sha256').update(payload).digest('hex');
console.log('digest', digest);
return { digest, short: digest.slice(0, 12) };
