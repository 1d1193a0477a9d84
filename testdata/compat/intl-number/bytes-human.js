// compat: context {"files": [{"name": "a.log", "size": 532}, {"name": "b.tar", "size": 48234123}, {"name": "c.iso", "size": 4812345678}, {"name": "d.bin", "size": 1536}]}
// Human-readable file sizes.
const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
function human(bytes, locale = 'en-US') {
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0 }).format(bytes);
}
for (const f of context.files) console.log(`${f.name.padEnd(6)} ${human(f.size).padStart(10)}`);
return context.files.map(f => human(f.size, 'de-DE'));
