'use strict';
// path.matchesGlob needs Node's glob engine, which is not bundled.
const { nodeError } = require('../../../errors');

module.exports = {
  matchGlobPattern() {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The path.matchesGlob() method is not implemented');
  },
};
