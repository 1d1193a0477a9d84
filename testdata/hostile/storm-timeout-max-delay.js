// expect: timeout
// timeout: 300ms
// A timer 24 days away keeps the run alive until its deadline.
setTimeout(() => {}, 2 ** 31 - 1);
