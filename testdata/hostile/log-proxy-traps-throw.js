// expect: ok
// output: "logged"
// Logging a Proxy whose every trap throws: the console shows the proxy's
// target without running a trap (as Node's does), so nothing of the code
// runs inside the console and nothing throws.
const bad = () => { throw new Error('trap'); };
console.log(new Proxy({}, { get: bad, ownKeys: bad, getOwnPropertyDescriptor: bad, getPrototypeOf: bad, has: bad }));
return 'logged';
