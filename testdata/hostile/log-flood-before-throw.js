// expect: error
// Logs written before an error are kept.
for (let i = 0; i < 10; i++) console.warn('line ' + i);
throw new Error('after logging');
