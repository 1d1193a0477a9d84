// expect: ok
// context: @nested-64.json
// A context at the nesting limit is accepted and reaches the code whole.
let d = 0;
for (let c = context; c && typeof c === 'object'; c = c.a) d++;
return d;
