// expect: error
// context: {"p": "__proto__"}
// message: reading 'call'
// vm2 GHSA-p5gc-c584-jj6v used __lookupGetter__ to reach host prototypes.
// The legacy accessor methods exist now (as in Node), but __proto__ has no
// getter to hand out: there is nothing to call.
const g = ({}).__lookupGetter__(context.p);
return { same: g.call([]) === Array.prototype };
