// expect: timeout
// timeout: 300ms
// Catching everything in a loop does not catch the interrupt.
let caught = 0;
for (;;) { try { while (true) {} } catch (e) { caught++; } }
