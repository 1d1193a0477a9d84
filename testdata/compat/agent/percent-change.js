const series = [120, 132, 128, 150, 171];
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const changes = series.slice(1).map((v, i) => pct.format((v - series[i]) / series[i]));
console.log(changes.join(', '));
return changes;
