const principal = 10000;
const rate = 0.05 / 12;
const months = 120;
const factor = (1 + rate) ** months;
const payment = principal * rate * factor / (factor - 1);
return { factor, payment: Math.round(payment * 100) / 100, pow: Math.pow(1.1, 10), exp: Math.exp(1), sin: Math.sin(1), cbrt: Math.cbrt(10), log10: Math.log10(2) };
