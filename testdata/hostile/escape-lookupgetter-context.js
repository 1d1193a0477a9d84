// expect: error
// context: {"p": "__proto__"}
// message: __lookupGetter__
// vm2 GHSA-p5gc-c584-jj6v used __lookupGetter__ to reach host prototypes;
// goja does not implement the legacy accessor methods at all.
const g = ({}).__lookupGetter__(context.p);
return { same: g.call([]) === Array.prototype };
