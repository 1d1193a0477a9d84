// Cancel pending work with an AbortController, as agents do around fetch-like calls.
const controller = new AbortController();
const log = [];
const work = (ms, signal) => new Promise((resolve, reject) => {
  if (signal.aborted) return reject(signal.reason);
  const t = setTimeout(() => resolve(`done after ${ms}`), ms);
  signal.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
});
setTimeout(() => controller.abort(), 20);
const results = await Promise.allSettled([work(5, controller.signal), work(200, controller.signal)]);
for (const r of results) log.push(r.status === 'fulfilled' ? r.value : `${r.reason.name}: ${r.reason.message}`);
try { controller.signal.throwIfAborted(); } catch (e) { log.push(`thrown ${e.name} ${e.code}`); }
return log;
