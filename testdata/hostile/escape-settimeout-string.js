// expect: blocked
// A string as a timer callback is eval in browsers and Node.
setTimeout('globalThis.pwned = 1', 0);
