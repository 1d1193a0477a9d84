// Node timer handles: unref, hasRef, a timeout race, clearTimeout of a handle.
const withTimeout = (p, ms) => {
  let timer;
  const t = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), ms); });
  timer.unref?.();
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
};
const v = await withTimeout(new Promise((r) => setTimeout(() => r('fast'), 2)), 50);
const h = setTimeout(() => {}, 1);
console.log(v, typeof h, typeof h.ref, typeof h.hasRef, h.hasRef(), typeof +h);
clearTimeout(h);
const keepalive = setInterval(() => {}, 1000);
keepalive.unref();
const i2 = setInterval(() => { n++; if (n === 3) clearInterval(i2); }, 1);
let n = 0;
await new Promise((r) => setTimeout(r, 20));
return [v, n];
