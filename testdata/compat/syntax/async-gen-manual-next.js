// Driving an async generator by hand: next, return, and the results' shape.
async function* counter() {
  let n = 0;
  try {
    while (true) {
      const reset = yield ++n;
      if (reset) n = 0;
    }
  } finally {
    console.log('cleanup');
  }
}
const g = counter();
const a = await g.next();
const b = await g.next();
const c = await g.next(true);
const d = await g.return('stopped');
const e = await g.next();
return [a, b, c, d, e];
