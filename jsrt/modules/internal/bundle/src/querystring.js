'use strict';
// querystring: Node 24's own lib/querystring.js.
module.exports = require('./node/querystring.js');
