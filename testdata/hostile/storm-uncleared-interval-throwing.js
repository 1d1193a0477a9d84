// expect: error
// An interval callback that throws ends the run with the error.
let n = 0;
setInterval(() => { if (++n === 3) throw new RangeError('tick ' + n); }, 1);
