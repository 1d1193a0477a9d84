// Hand a buffer over with transfer(): the old one is detached, the data moves.
const buf = new ArrayBuffer(8);
new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8]);
const moved = buf.transfer();
const half = moved.transfer(4);
console.log('detached:', buf.detached, moved.detached, half.detached);
return { oldLength: buf.byteLength, half: [...new Uint8Array(half)], grown: [...new Uint8Array(half.transferToFixedLength(6))], resizable: half.resizable };
