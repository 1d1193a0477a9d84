// expect: blocked
with (globalThis) { return constructor; }
