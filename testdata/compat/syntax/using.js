// using declarations in JavaScript, with an error in the block.
const log = [];
const lock = (name) => ({ [Symbol.dispose]() { log.push(`release ${name}`); } });
try {
  using l1 = lock('one');
  using l2 = lock('two');
  log.push('critical section');
  throw new Error('boom');
} catch (e) {
  log.push(`caught ${e.message}`);
}
return log;
