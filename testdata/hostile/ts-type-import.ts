// expect: error
// A type-only import that is still an import after stripping.
const x: typeof import('fs') = null as any;
return x.readFileSync('/etc/passwd');
