// expect: ok
// context: {"__proto__": {"isAdmin": true}, "x": 1}
// context comes from JSON.parse: "__proto__" in it is data.
return { admin: context.isAdmin === true, keys: Object.keys(context) };
