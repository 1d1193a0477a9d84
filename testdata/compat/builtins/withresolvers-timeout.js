// A deferred with a timeout: whichever settles first wins.
function withTimeout(ms) {
  const { promise, resolve, reject } = Promise.withResolvers();
  const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  return { promise, resolve: (v) => { clearTimeout(timer); resolve(v); } };
}
const fast = withTimeout(50);
setTimeout(() => fast.resolve('done'), 5);
const slow = withTimeout(5);
setTimeout(() => slow.resolve('too late'), 30);
const results = await Promise.allSettled([fast.promise, slow.promise]);
console.log(results.map((r) => r.status).join(','));
return results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.message));
