// Byte sizes and UTF-8 bytes of strings, as agents check payload limits.
const enc = new TextEncoder();
const samples = ['hello', 'héllo', '日本語', '👍🏽', ''];
return samples.map((s) => ({ s, length: s.length, bytes: enc.encode(s).length, hex: Array.from(enc.encode(s), (b) => b.toString(16).padStart(2, '0')).join('') }));
