'use strict';
const { nodeError } = require('../../errors');

module.exports = {
  codes: {
    ERR_INVALID_URI: function ERR_INVALID_URI() {
      return nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
    },
  },
};
