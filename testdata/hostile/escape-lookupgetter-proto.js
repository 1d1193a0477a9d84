// expect: blocked
// vm2 GHSA-p5gc-c584-jj6v: __lookupGetter__ to reach host prototypes.
// The literal "__proto__" as a property name in a call is refused.
const g = ({}).__lookupGetter__('__proto__');
const proto = g.call([]);
return { same: proto === Array.prototype, keys: Object.getOwnPropertyNames(proto).length > 10 };
