'use strict';
// The sandbox is a POSIX system.
module.exports = {
  isWindows: false,
  isMacOS: false,
  getLazy(init) {
    let v;
    let done = false;
    return () => {
      if (!done) {
        v = init();
        done = true;
      }
      return v;
    };
  },
};
