const payload = JSON.stringify({ id: 7, items: ['a', 'b'] });
const bytes = new TextEncoder().encode(payload);
const digest = await crypto.subtle.digest('SHA-256', bytes);
const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
return { length: bytes.length, hex };
