'use strict';
// assert: commonjs-assert (Node's assert for browsers).
module.exports = require('assert/');
