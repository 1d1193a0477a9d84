// expect: ok
// atob and btoa on a few MiB.
const s = btoa('x'.repeat(3 << 20));
return atob(s).length;
