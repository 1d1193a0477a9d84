// Decode a UTF-8 stream that arrives in chunks split mid-character.
const bytes = new TextEncoder().encode('naïve café — 😀 done');
const dec = new TextDecoder();
let out = '';
for (let i = 0; i < bytes.length; i += 5) out += dec.decode(bytes.subarray(i, i + 5), { stream: true });
out += dec.decode();
const naive = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => new TextDecoder().decode(bytes.subarray(i * 5, i * 5 + 5))).join('');
return { out, ok: out === 'naïve café — 😀 done', naiveBroken: naive !== out };
