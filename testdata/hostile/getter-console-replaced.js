// expect: ok
// Replacing console methods and built-ins the console uses does not change
// how lines reach the supervisor.
const log = console.log;
const okeys = Object.keys;
Object.keys = () => { throw new Error('keys'); };
JSON.stringify = () => '"forged"';
log({ a: 1, b: [1, 2] });
Object.keys = okeys;
return { out: 'real' };
