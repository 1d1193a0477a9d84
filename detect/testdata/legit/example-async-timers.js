// Async work with timers: fetch-like calls simulated with setTimeout, run
// with a concurrency limit of 2, with a timeout per call.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fakeFetch = async (url, i) => {
  await sleep(10 + 5 * i);
  return { url, status: 200, bytes: url.length * 100 };
};
const withTimeout = (p, ms) => {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
};

const results = [];
const queue = context.urls.map((u, i) => [u, i]);
const worker = async (name) => {
  while (queue.length) {
    const [url, i] = queue.shift();
    const r = await withTimeout(fakeFetch(url, i), 1000);
    console.log(`${name} fetched ${url}`);
    results.push(r);
  }
};
await Promise.all([worker('w1'), worker('w2')]);
return results.sort((a, b) => a.url.localeCompare(b.url));
