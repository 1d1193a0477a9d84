// expect: ok
// timeout: 15s
// A BigInt from a million-digit string, and its digit count. It takes about
// a second and a half of CPU: the wider deadline keeps a busy CI machine from
// turning it into a timeout.
const b = BigInt('9'.repeat(1000000));
return (b % 1000n).toString();
