const bytes = new Uint8Array([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]);
const dec = new TextDecoder("Shift_JIS");
return { encoding: dec.encoding, text: dec.decode(bytes) };
