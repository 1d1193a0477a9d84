let attempts = 0;
const flaky = async () => { attempts++; if (attempts < 3) throw new Error('try again'); return 'data'; };
async function retry(fn, tries = 5, delay = 2) {
  for (let i = 0; i < tries; i++) {
    try { return await fn(); } catch (e) { console.log(`attempt ${i + 1} failed: ${e.message}`); await new Promise((r) => setTimeout(r, delay * 2 ** i)); }
  }
  throw new Error('gave up');
}
return { value: await retry(flaky), attempts };
