// expect: error
// The error's message is a getter that throws: the runtime describes the
// error without trusting it.
const ep = Object.getPrototypeOf(new TypeError('x'));
Object.defineProperty(ep, 'message', { get() { throw new Error('hidden'); } });
throw new TypeError('real');
