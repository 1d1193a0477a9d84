// Time a block of work with performance.now (shape only: values vary).
const t0 = performance.now();
let acc = 0;
for (let i = 0; i < 10000; i++) acc += Math.sqrt(i);
const t1 = performance.now();
const elapsed = t1 - t0;
return { monotonic: t1 >= t0, number: typeof elapsed === 'number', finite: Number.isFinite(elapsed), origin: typeof performance.timeOrigin, acc: Math.round(acc) };
