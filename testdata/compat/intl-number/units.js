// compat: context {"trip": {"distance_km": 1234.56, "duration_h": 13.5, "speed": 91.45, "fuel_l": 87.3, "temp_c": -4.5, "size_mb": 2048}}
// Units: distances, durations, speeds, temperatures, sizes.
const t = context.trip;
const u = (unit, v, display = 'short', loc = 'en-US') => new Intl.NumberFormat(loc, { style: 'unit', unit, unitDisplay: display, maximumFractionDigits: 1 }).format(v);
console.log(`Distance: ${u('kilometer', t.distance_km)} (${u('mile', t.distance_km / 1.609344, 'long')})`);
console.log(`Duration: ${u('hour', t.duration_h, 'long')}, speed ${u('kilometer-per-hour', t.speed)}`);
console.log(`Fuel: ${u('liter', t.fuel_l, 'long')}, ${u('liter-per-kilometer', t.fuel_l / t.distance_km)}`);
console.log(`Temp: ${u('celsius', t.temp_c)} / ${u('fahrenheit', t.temp_c * 9 / 5 + 32, 'narrow')}`);
return {
  size: u('megabyte', t.size_mb, 'narrow'),
  de: u('kilometer-per-hour', t.speed, 'long', 'de-DE'),
  ja: u('kilometer', t.distance_km, 'long', 'ja-JP'),
  rate: u('megabit-per-second', 512, 'long'),
  pct: u('percent', 12.5),
  days: [1, 2, 5].map(d => u('day', d, 'long', 'ru')),
};
