// expect: ok
// output: {"admin": true}
// A write to a built-in prototype is a warning, not a refusal: it changes
// only this runner's runtime, which no other job ever sees.
Object.prototype.isAdmin = true;
return { admin: ({}).isAdmin };
