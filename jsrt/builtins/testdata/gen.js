// gen.js: records what Node prints for every case of cases.js into
// expected.json. Run it with Node 24 from this directory:
//   TZ=UTC node gen.js
// The Go tests (cases_test.go) run the same code under goja and compare;
// inventory-node.json is the list of built-in properties inventory_test.go
// checks goja against.
'use strict';
const fs = require('fs');
const vm = require('vm');
const cases = require('./cases.js');
const show = fs.readFileSync(__dirname + '/show.js', 'utf8');

(async () => {
  const out = [];
  for (const [name, fn] of Object.entries(cases)) {
    const code = show + '\nreturn __run(' + fn.toString() + ');\n';
    // a fresh realm per case: no case sees another's changes
    const run = vm.runInNewContext('(async function () {\n' + code + '})', {});
    out.push({ name, code, expected: await run() });
  }
  fs.writeFileSync(__dirname + '/expected.json', JSON.stringify(out, null, 1) + '\n');
  console.log(out.length + ' cases recorded');
  // The ECMAScript built-ins of a fresh V8 realm (no Node globals), for
  // inventory_test.go.
  const inventory = JSON.parse(vm.runInNewContext(fs.readFileSync(__dirname + '/inventory.js', 'utf8'), {}));
  fs.writeFileSync(__dirname + '/inventory-node.json', JSON.stringify(inventory, null, 1) + '\n');
})();
