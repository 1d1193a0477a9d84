'use strict';
// url's parse(s, true) and format take the query through Node's querystring.
const qs = require('querystring');
module.exports = { parse: (s) => qs.parse(s), stringify: (o) => qs.stringify(o) };
