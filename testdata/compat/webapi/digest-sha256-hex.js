// Hash a payload with crypto.subtle.digest and print it as hex.
// compat: context {"payload": {"id": 7, "items": ["a", "b"], "note": "ünïcode"}}
const data = new TextEncoder().encode(JSON.stringify(context.payload));
const toHex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const out = {};
for (const alg of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) out[alg] = toHex(await crypto.subtle.digest(alg, data));
console.log(out['SHA-256']);
return out;
