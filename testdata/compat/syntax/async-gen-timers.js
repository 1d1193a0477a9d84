// An async generator that polls with setTimeout until a job is finished.
const states = ['queued', 'running', 'running', 'done'];
let calls = 0;
const poll = () => new Promise((r) => setTimeout(() => r(states[Math.min(calls++, states.length - 1)]), 5));
async function* watch() {
  let s;
  do {
    s = await poll();
    yield s;
  } while (s !== 'done');
}
const seen = [];
for await (const s of watch()) seen.push(s);
return { seen, calls };
