// expect: error
// message: more bytes)
// A 20 MiB error message is the code's error, its message cut to a bound
// (it used to overflow the result frame, and read as a broken runner).
throw new Error('m'.repeat(20 << 20));
