// expect: ok
// output: 1
// An object holding a 1 MiB string, logged: the console quotes it in time
// linear in its length (it used to copy the string once per character).
console.log({ data: 'x\n'.repeat(1 << 19).slice(0, 1000) });
console.log(['y'.repeat(1 << 20)].length);
console.log({ s: 'z'.repeat(1 << 19) });
return 1;
