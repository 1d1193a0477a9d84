'use strict';
// One punycode (2.3.1) for url's legacy parser and for domainToASCII.
module.exports = require('punycode/punycode.js');
