// DisposableStack for cleanup in reverse order, errors included.
const log = [];
function openResource(name) {
  log.push(`open ${name}`);
  return { name, [Symbol.dispose]() { log.push(`close ${name}`); } };
}
{
  const stack = new DisposableStack();
  const db = stack.use(openResource('db'));
  const file = stack.use(openResource('file'));
  stack.defer(() => log.push('flush metrics'));
  log.push(`work with ${db.name} and ${file.name}`);
  stack.dispose();
  log.push(`disposed: ${stack.disposed}`);
}
let err;
const failing = new DisposableStack();
failing.defer(() => { throw new Error('first cleanup failed'); });
failing.defer(() => { throw new Error('second cleanup failed'); });
try { failing.dispose(); } catch (e) { err = e; }
console.log(log.join(' > '));
return { log, error: err.name, inner: err.error.message, suppressed: err.suppressed.message };
