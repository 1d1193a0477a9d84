// compat: allowBuiltinModules
const { Buffer } = require('buffer');
const sig = Buffer.from('deadbeef', 'hex');
console.log(sig);
console.log('payload', { id: 1, raw: Buffer.from('ok') });
return sig.toString('base64');
