// base64url of a JSON payload's UTF-8 bytes (a JWT-style segment).
const json = JSON.stringify({ sub: 'user-42', name: 'Zoë', scope: ['read', 'write'] });
const bytes = new TextEncoder().encode(json);
let bin = '';
for (const b of bytes) bin += String.fromCharCode(b);
const b64url = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
// and back
const pad = b64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64url.length + 3) % 4);
const decoded = new TextDecoder().decode(Uint8Array.from(atob(pad), (c) => c.charCodeAt(0)));
return { b64url, roundTrip: decoded === json };
