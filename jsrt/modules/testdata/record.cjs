// record.cjs: run cases.js in Node 24 and write expected.json (the
// reference modules_test.go compares the runtime with):
//   TZ=UTC node jsrt/modules/testdata/record.cjs
'use strict';
const fs = require('fs');
const path = require('path');
const cases = require('./cases.js');
const AsyncFunction = (async () => {}).constructor;
const { wrap } = require('./wrap.js');

(async () => {
  const out = {};
  for (const [name, code] of Object.entries(cases)) {
    out[name] = await new AsyncFunction('require', wrap(code))(require);
  }
  fs.writeFileSync(path.join(__dirname, 'expected.json'), JSON.stringify(out, null, 1) + '\n');
})();
