// expect: ok
// A BigInt from a million-digit string, and its digit count.
const b = BigInt('9'.repeat(1000000));
return (b % 1000n).toString();
