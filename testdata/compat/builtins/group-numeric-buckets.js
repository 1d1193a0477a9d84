// Map.groupBy keeps non-string keys: bucket latencies by their order of magnitude.
const latencies = [3, 8, 12, 45, 99, 100, 250, 1200, 7, 60];
const buckets = Map.groupBy(latencies, (ms) => 10 ** Math.floor(Math.log10(ms)));
const report = [...buckets.keys()].sort((a, b) => a - b).map((k) => ({ from: k, count: buckets.get(k).length, max: Math.max(...buckets.get(k)) }));
console.log('bucket keys are numbers:', [...buckets.keys()].every((k) => typeof k === 'number'));
return report;
