const tasks = [1, 2, 3].map((n) => new Promise((res, rej) => setTimeout(() => (n === 2 ? rej(new Error('two')) : res(n)), n)));
const settled = await Promise.allSettled(tasks);
return settled.map((s) => (s.status === 'fulfilled' ? s.value : s.reason.message));
