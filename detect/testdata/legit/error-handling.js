class ValidationError extends Error {
  constructor(field, msg) { super(msg); this.name = 'ValidationError'; this.field = field; }
}
function check(u) {
  if (!u.email?.includes('@')) throw new ValidationError('email', 'invalid email');
  return true;
}
try {
  check({ email: 'nope' });
} catch (e) {
  return { name: e.name, field: e.field, isVE: e instanceof ValidationError, proto: Object.getPrototypeOf(e) === ValidationError.prototype };
}
