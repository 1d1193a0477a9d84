// expect: ok
return [new Map([[1, 2]]), new Set([1]), new WeakMap(), new WeakSet(), new ArrayBuffer(8), new Uint8Array([1, 2])];
