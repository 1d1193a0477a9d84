const o = { a: 1 };
const keys = Object.keys(o);
const p = keys.prototype;
const proto = Object.getPrototypeOf(o) === Object.prototype;
const arrProto = Array.prototype.slice.call({ 0: 'a', 1: 'b', length: 2 });
return { p: p === undefined, proto, arrProto };
