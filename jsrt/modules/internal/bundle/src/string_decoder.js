'use strict';
// string_decoder: the npm package string_decoder (Node's own, for browsers).
module.exports = require('string_decoder/');
