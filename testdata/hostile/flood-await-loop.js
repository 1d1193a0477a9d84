// expect: timeout
// timeout: 300ms
// An endless chain of microtasks.
for (;;) await null;
