// compat: allowBuiltinModules
// Buffer is a global in Node: agents use it without require.
const raw = 'eyJ1c2VyIjoiYW5hIiwicm9sZXMiOlsiYWRtaW4iXX0=';
const decoded = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
console.log(decoded.user, decoded.roles.length);
return { decoded, back: Buffer.from(JSON.stringify(decoded)).toString('base64') === raw, isBuf: Buffer.isBuffer(Buffer.alloc(1)) };
