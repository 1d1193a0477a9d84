// compat: context {"jobs": [{"id": 1, "seconds": 45}, {"id": 2, "seconds": 3725}, {"id": 3, "seconds": 90061}]}
// Durations spelled out with units and lists.
const lf = new Intl.ListFormat('en', { style: 'long', type: 'unit' });
const part = (v, unit) => new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' }).format(v);
function spell(s) {
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
  const bits = [];
  if (d) bits.push(part(d, 'day'));
  if (h) bits.push(part(h, 'hour'));
  if (m) bits.push(part(m, 'minute'));
  if (sec) bits.push(part(sec, 'second'));
  return lf.format(bits);
}
for (const j of context.jobs) console.log(`job ${j.id}: ${spell(j.seconds)}`);
return new Intl.ListFormat('de', { type: 'unit', style: 'narrow' }).format(['1 T', '2 Std.', '3 Min.']);
