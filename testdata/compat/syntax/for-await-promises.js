// for await over an array of promises and plain values, in order.
const delays = [30, 10, 20];
const tasks = delays.map((ms, i) => new Promise((r) => setTimeout(() => r({ i, ms }), ms)));
const seen = [];
for await (const t of [...tasks, 'plain', Promise.resolve(42)]) {
  seen.push(t);
}
console.log(seen.length);
return seen;
