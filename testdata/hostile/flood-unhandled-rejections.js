// expect: error
// Thousands of rejections nobody handles: the first one ends the run.
for (let i = 0; i < 10000; i++) Promise.reject(new Error('r' + i));
await null;
return 1;
