// expect: ok
// output: {"own": ["__proto__", "a"], "mergedAdmin": true, "plainAdmin": false}
// A "__proto__" key from JSON is an own property, not the prototype.
// Object.assign sets the merged object's own prototype from it (as V8
// does), and no other object's.
const evil = JSON.parse('{"__proto__": {"isAdmin": true}, "a": 1}');
const merged = Object.assign({}, evil);
return { own: Object.keys(evil), mergedAdmin: merged.isAdmin === true, plainAdmin: ({}).isAdmin === true };
