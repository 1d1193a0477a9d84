// expect: invalid
// context: {"n": 1e400}
// message: out of range
// A context number beyond a double's range cannot reach the code: the
// request is refused as invalid before any runner starts.
return context.n;
