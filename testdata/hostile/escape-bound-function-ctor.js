// expect: blocked
// A bound Function constructor, found through a prototype walk at run time:
// validation sees Function.prototype.bind applied to the constructor.
const protoOf = Object.getPrototypeOf;
const fnProto = protoOf(() => {});
const names = Object.getOwnPropertyNames(fnProto);
const F = fnProto[names.find((n) => n.length === 11 && n[0] === 'c')];
const bound = Function.prototype.bind.call(F, null, 'return 7');
return bound()();
