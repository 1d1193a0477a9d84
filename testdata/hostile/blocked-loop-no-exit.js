// expect: timeout
// timeout: 300ms
// A loop with no visible exit raises the score but runs, and is stopped.
while (true) {}
