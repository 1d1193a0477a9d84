// expect: ok
// A stack trace names only the code's own file, never a host path.
function deep(n) { return n ? deep(n - 1) : new Error('where am I').stack; }
const s = deep(5);
return { hostPath: /\/(home|root|usr|tmp|var|work)\//.test(s), mentionsGo: /\.go:\d+/.test(s) };
