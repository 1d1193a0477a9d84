// What crypto.subtle.digest rejects with.
const results = [];
for (const [alg, data] of [['MD5', new Uint8Array(1)], ['SHA-256', 'not bytes'], ['sha-256', new Uint8Array(0)]]) {
  try {
    const d = await crypto.subtle.digest(alg, data);
    results.push(d.byteLength);
  } catch (e) {
    results.push(e.name);
  }
}
return results;
