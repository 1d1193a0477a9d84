async function retry(fn, attempts = 3, delay = 5) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn(i);
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, delay * (i + 1)));
    }
  }
  throw last;
}
let calls = 0;
return await retry(async (i) => {
  calls++;
  if (i < 2) throw new Error('flaky');
  return { ok: true, calls };
});
