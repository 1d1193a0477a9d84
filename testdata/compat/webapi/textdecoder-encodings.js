// Decode bytes in the encodings tool results come in.
const bytes = [0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35];
return {
  latin1: new TextDecoder('latin1').decode(new Uint8Array(bytes)),
  win1252: new TextDecoder('windows-1252').encoding,
  utf16: new TextDecoder('utf-16le').decode(new Uint8Array([0x48, 0, 0x69, 0, 0x3d, 0xd8, 0x00, 0xde])),
  bom: new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x6f, 0x6b])),
  keepBom: new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x6f, 0x6b])).length,
  replaced: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])),
};
