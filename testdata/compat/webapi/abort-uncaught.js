// An aborted signal's throwIfAborted escapes: the program fails with AbortError.
const c = new AbortController();
c.abort();
c.signal.throwIfAborted();
return 'unreachable';
