const values = [12.5, 18.25, 9.75, 22.125, 15.5, 30.0625, 7.3];
const mean = values.reduce((a, b) => a + b, 0) / values.length;
const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
const std = Math.sqrt(variance);
const geo = Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
const cagr = (values.at(-1) / values[0]) ** (1 / (values.length - 1)) - 1;
const zScores = values.map((v) => (v - mean) / std);
return { mean, variance, std, geo, cagr, zScores, power: [2 ** 0.5, 10 ** -5, 1.1 ** 10, (-2) ** 3, 2 ** -1074] };
