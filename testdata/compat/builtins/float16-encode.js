// Half-precision floats: Math.f16round and DataView's float16 accessors.
const values = [0.1, 1 / 3, 65504, 70000, 1e-8, -2.5];
const rounded = values.map(Math.f16round);
const dv = new DataView(new ArrayBuffer(values.length * 2));
values.forEach((v, i) => dv.setFloat16(i * 2, v, true));
const hex = Array.from({ length: values.length }, (_, i) => dv.getUint16(i * 2, true).toString(16).padStart(4, '0'));
console.log(hex.join(' '));
return { rounded, hex, back: values.map((_, i) => dv.getFloat16(i * 2, true)) };
