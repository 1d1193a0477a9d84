// compat: allowBuiltinModules
const crypto = require("crypto");
const { Buffer } = require("buffer");
const secret = 'whsec_test';
const body = '{"event":"push"}';
const sig = crypto.createHmac('sha256', secret).update(body).digest('hex');
return crypto.timingSafeEqual(Buffer.from(sig, 'hex'), Buffer.from(sig, 'hex')) && sig;
