const bytes = new Uint8Array([104, 105, 255, 0]);
console.log(bytes);
console.log(new Float64Array([1.5, -2]), new Int16Array(3));
console.log(new ArrayBuffer(4));
console.log([new Uint8Array(2)]);
return Array.from(bytes);
