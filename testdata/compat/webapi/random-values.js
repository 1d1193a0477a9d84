// Random tokens from getRandomValues: shape checks only.
const buf = crypto.getRandomValues(new Uint8Array(16));
const token = Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
const words = crypto.getRandomValues(new Uint32Array(8));
const errors = [];
try { crypto.getRandomValues(new Float64Array(4)); } catch (e) { errors.push(e.name); }
try { crypto.getRandomValues(new Uint8Array(70000)); } catch (e) { errors.push(e.name); }
return { tokenLength: token.length, hex: /^[0-9a-f]+$/.test(token), words: words.length, sameArray: crypto.getRandomValues(buf) === buf, errors };
