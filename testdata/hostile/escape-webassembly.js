// expect: error
// WebAssembly would be native code from a byte array; goja has none.
const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
return await WebAssembly.instantiate(bytes);
