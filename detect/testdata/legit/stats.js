const xs = context.values || [2, 4, 4, 4, 5, 5, 7, 9];
const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
const sorted = [...xs].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
return { mean, sd: Math.sqrt(variance), median, min: Math.min(...xs), max: Math.max(...xs) };
