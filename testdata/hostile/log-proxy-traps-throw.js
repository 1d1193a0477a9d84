// expect: error
// message: trap
// Logging a Proxy whose every trap throws: the console calls the code's
// own traps, and their error is the code's.
const bad = () => { throw new Error('trap'); };
console.log(new Proxy({}, { get: bad, ownKeys: bad, getOwnPropertyDescriptor: bad, getPrototypeOf: bad, has: bad }));
return 'logged';
