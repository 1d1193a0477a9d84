// Instrument steps with performance.mark/measure (shapes only: times vary).
performance.mark('load:start');
const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, v: i % 7 }));
performance.mark('load:end');
const sum = rows.reduce((a, r) => a + r.v, 0);
performance.mark('sum:end');
const load = performance.measure('load', 'load:start', 'load:end');
const total = performance.measure('total', { start: 'load:start', end: 'sum:end', detail: { rows: rows.length } });
const fixed = performance.measure('fixed', { start: 100, duration: 25 });
return {
  sum,
  load: [load.entryType, load.duration >= 0, typeof load.startTime],
  total: [total.name, total.detail, total.duration >= load.duration],
  fixed: fixed.toJSON(),
  marks: performance.getEntriesByType('mark').map((m) => m.name),
  names: performance.getEntriesByName('load').length,
};
