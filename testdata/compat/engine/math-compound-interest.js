const principal = 10000, rate = 0.05;
const rows = [];
for (const years of [1, 5, 10, 30]) {
  const monthly = principal * (1 + rate / 12) ** (12 * years);
  const yearly = principal * Math.pow(1 + rate, years);
  const continuous = principal * Math.exp(rate * years);
  rows.push({ years, monthly, yearly, continuous });
}
console.log((1 + 0.05 / 12) ** 120);
return rows;
