// The custom error pattern agents copy from Node code: captureStackTrace in the constructor.
class HttpError extends Error {
  constructor(status, message, options) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    if (Error.captureStackTrace) Error.captureStackTrace(this, HttpError);
  }
}
function fetchUser(id) {
  if (id < 0) throw new HttpError(404, `user ${id} not found`, { cause: { id } });
  return { id };
}
let caught;
try {
  fetchUser(-1);
} catch (e) {
  caught = e;
}
const first = caught.stack.split('\n')[0];
console.log(first);
return { name: caught.name, status: caught.status, message: caught.message, isError: caught instanceof Error, cause: caught.cause, stackStartsWith: first, hasStack: typeof caught.stack === 'string' };
