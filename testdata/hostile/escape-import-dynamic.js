// expect: blocked
// Dynamic import of a Node built-in.
const fs = await import('fs');
return fs.readFileSync('/etc/passwd', 'utf8');
