const bytes = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
return new TextDecoder("windows-1251").decode(bytes);
