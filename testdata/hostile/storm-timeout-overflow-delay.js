// expect: ok
// output: "fired"
// A delay past 2^31 - 1 ms fires at once, as in Node (it is not a way to
// keep the run alive).
return await new Promise((r) => setTimeout(() => r('fired'), 2 ** 31));
