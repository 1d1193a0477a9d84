// Verify a webhook's HMAC-SHA256 signature with Web Crypto.
// compat: context {"secret": "whsec_test", "body": "{\"event\":\"paid\",\"amount\":4200}"}
const enc = new TextEncoder();
const key = await crypto.subtle.importKey('raw', enc.encode(context.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
const sig = await crypto.subtle.sign('HMAC', key, enc.encode(context.body));
const hex = Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, '0')).join('');
const ok = await crypto.subtle.verify('HMAC', key, sig, enc.encode(context.body));
const tampered = await crypto.subtle.verify('HMAC', key, sig, enc.encode(context.body + ' '));
return { hex, ok, tampered, alg: key.algorithm.name, hash: key.algorithm.hash.name };
