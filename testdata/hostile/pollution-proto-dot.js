// expect: blocked
({}).__proto__.polluted = true;
return ({}).polluted;
