// AbortSignal.timeout as a deadline for slow work.
const slow = (ms, signal) => new Promise((resolve, reject) => {
  const t = setTimeout(() => resolve('finished'), ms);
  signal.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); });
});
const results = [];
for (const ms of [5, 300]) {
  try {
    results.push(await slow(ms, AbortSignal.timeout(50)));
  } catch (e) {
    results.push(`${e.name}: ${e.message}`);
  }
}
// An unused timeout signal does not keep the program alive.
AbortSignal.timeout(60000);
return results;
