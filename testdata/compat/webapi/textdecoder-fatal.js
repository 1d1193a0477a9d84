// Reject invalid UTF-8 in strict mode, as a validator would.
const strict = new TextDecoder('utf-8', { fatal: true });
const results = [];
for (const bytes of [[0x68, 0x69], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80]]) {
  try {
    results.push(strict.decode(new Uint8Array(bytes)));
  } catch (e) {
    results.push(`${e.name}: ${e.message}`);
  }
}
let bad;
try { new TextDecoder('klingon'); } catch (e) { bad = [e.name, e.message]; }
return { results, bad };
