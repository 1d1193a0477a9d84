// compat: context {"metrics": {"requests": 1284503, "errors": 2711, "p99_ms": 1843.276, "bytes": 98765432109, "cost": 4210.5}}
// A report built with toLocaleString.
const m = context.metrics;
console.log(`Requests: ${m.requests.toLocaleString()}`);
console.log(`Errors:   ${m.errors.toLocaleString('en-US')} (${(m.errors / m.requests).toLocaleString('en-US', { style: 'percent', minimumFractionDigits: 2 })})`);
console.log(`p99:      ${m.p99_ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`);
console.log(`Bytes:    ${m.bytes.toLocaleString('en-US')}`);
console.log(`Cost:     ${m.cost.toLocaleString('en-US', { style: 'currency', currency: 'USD' })}`);
return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toLocaleString('de-DE')]));
