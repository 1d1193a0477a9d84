const d = new Date(Date.UTC(2025, 2, 1, 10, 30));
console.log(d.toString());
console.log(String(new Date(0)));
return { toString: d.toString(), time: d.toTimeString(), iso: d.toISOString(), utc: d.toUTCString() };
