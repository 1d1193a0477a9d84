// expect: ok
// output: {"inherited": false, "own": ["__proto__"]}
// structuredClone of an object with a "__proto__" own key copies it as
// data (it used to set the clone's prototype from it).
const src = JSON.parse('{"__proto__": {"x": 1}}');
const c = structuredClone(src);
return { inherited: c.x === 1, own: Object.keys(c) };
