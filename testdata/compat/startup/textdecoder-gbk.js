return new TextDecoder("gbk").decode(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]));
