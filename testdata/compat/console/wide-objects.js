const summary = { totalUsers: 1520, activeUsers: 873, churnRate: 0.0412, topCountries: ['DE', 'FR', 'US', 'JP'], updated: '2025-01-01' };
console.log(summary);
const metrics = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [String.fromCharCode(97 + i), i * i]));
console.log(metrics);
return Object.keys(metrics).length;
