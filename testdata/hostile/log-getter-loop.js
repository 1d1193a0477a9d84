// expect: timeout
// timeout: 300ms
// Logging an object whose getter never returns.
console.log({ get x() { for (;;) {} } }.x);
