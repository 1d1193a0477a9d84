// expect: error
// The same Proxy, left uncaught: the runtime describes it with its own
// captured helpers, and a trap that throws cannot break the result.
throw new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
