const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
const work = new Promise((resolve) => setTimeout(() => resolve('done'), 5));
try {
  return await Promise.race([work, timeout(100)]);
} catch (e) {
  return e.message;
}
