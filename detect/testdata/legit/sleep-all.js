const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const results = await Promise.all([1, 2, 3].map(async (n) => {
  await sleep(n * 5);
  return n * n;
}));
return { results, waited: Date.now() - started >= 10 };
