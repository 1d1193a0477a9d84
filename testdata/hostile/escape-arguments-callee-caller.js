// expect: ok
// arguments.callee.caller from sloppy code: the caller chain ends at the
// sandbox's own wrapper function, never a host function.
function f() { return arguments.callee.caller; }
const c = f();
return { callerType: typeof c, isNull: c === null };
