// expect: ok
// vm2 GHSA-g644-9gfx-q4q4: Node's util.inspect.custom symbol gets the host's
// inspect function. console here formats with its own code and never calls it.
let leaked = null;
const o = { [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) { leaked = typeof inspect; return 'x'; } };
console.log(o);
return { leaked };
