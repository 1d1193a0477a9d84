// expect: error
// message: too many pending timers
// An interval that schedules a thousand timers each tick hits the cap on
// pending timers.
setInterval(() => { for (let i = 0; i < 1000; i++) setTimeout(() => {}, 1e9); }, 0);
