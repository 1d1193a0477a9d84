// expect: timeout
// timeout: 300ms
// 100,000 intervals at 0 ms.
for (let i = 0; i < 100000; i++) setInterval(() => {}, 0);
