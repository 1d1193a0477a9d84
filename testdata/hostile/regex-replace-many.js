// expect: timeout
// timeout: 300ms
// Many moderate regular expressions in a loop: goja's interrupt stops it
// between calls.
const s = 'ab'.repeat(1000);
for (;;) s.replace(/(a|b)+c?/g, 'x');
