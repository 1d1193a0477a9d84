// Every rounding mode on ties and negatives, and rounding increments.
const modes = ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'];
const values = [1.25, 1.35, -1.25, -1.35, 0.05];
const table = {};
for (const m of modes) table[m] = values.map(v => new Intl.NumberFormat('en', { maximumFractionDigits: 1, roundingMode: m }).format(v)).join(' ');
console.log(JSON.stringify(table, null, 1));
return {
  nickel: [1.02, 1.03, 1.07, 1.08].map(v => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', roundingIncrement: 5, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)),
  quarter: new Intl.NumberFormat('en', { roundingIncrement: 25, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(3.14159),
  classic: [1.005, 2.675, 1.45, 0.615].map(v => v.toLocaleString('en', { maximumFractionDigits: 2 })),
};
