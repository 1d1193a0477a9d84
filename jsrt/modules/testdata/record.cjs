// record.cjs: run cases.js in Node 24 and write expected.json (the
// reference modules_test.go compares the runtime with), with Node 24 (the
// one testdata/compat/record.sh installs will do):
//   TZ=UTC node --no-deprecation jsrt/modules/testdata/record.cjs
'use strict';
if (!process.version.startsWith('v24.')) {
  // The reference is Node 24's behaviour.
  console.error(`record.cjs: this is Node ${process.version}; run it with Node 24`);
  process.exit(2);
}
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
