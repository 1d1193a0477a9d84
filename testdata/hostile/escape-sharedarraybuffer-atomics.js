// expect: ok
// Atomics.wait would block the thread outside goja's interrupt; see what
// exists.
return { sab: typeof SharedArrayBuffer, atomics: typeof Atomics };
