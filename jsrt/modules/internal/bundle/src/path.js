'use strict';
// path: Node 24's own lib/path.js (posix, with path.posix and path.win32).
module.exports = require('./node/path.js');
