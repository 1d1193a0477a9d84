// expect: timeout
// timeout: 300ms
// toJSON that never returns: the output conversion is stopped at the deadline.
return { toJSON() { for (;;) {} } };
