// compat: allowBuiltinModules
const crypto = require('crypto');
const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
return { allValid: ids.every((id) => re.test(id)), unique: new Set(ids).size, bytes: crypto.randomBytes(8).length, inRange: Array.from({ length: 20 }, () => crypto.randomInt(1, 7)).every((n) => n >= 1 && n < 7) };
