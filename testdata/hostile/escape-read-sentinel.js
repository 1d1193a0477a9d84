// expect: blocked
// Read the host file the test placed (its path is in the context).
return require('fs').readFileSync(context.sentinel, 'utf8');
