function wrap(e, context) {
  const err = new e.constructor(`${context}: ${e.message}`);
  err.cause = e;
  return err;
}
try {
  try { null.x; } catch (e) { throw wrap(e, 'loading'); }
} catch (e) {
  return [e.name, e.message.startsWith('loading'), e.constructor === TypeError];
}
