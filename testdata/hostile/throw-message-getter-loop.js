// expect: error
// message: [Getter]
// An error whose message getter never returns: the runtime describes a
// thrown value without calling its getters.
throw { get message() { for (;;) {} } };
