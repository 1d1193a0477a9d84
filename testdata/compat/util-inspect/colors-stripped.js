// compat: allowBuiltinModules
const util = require('util');
const colored = util.inspect({ ok: true, count: 3, name: 'job', tags: ['a', null], when: new Date(0) }, { colors: true });
console.log(JSON.stringify(colored));
console.log(util.stripVTControlCharacters(colored));
return util.stripVTControlCharacters(colored) === util.inspect({ ok: true, count: 3, name: 'job', tags: ['a', null], when: new Date(0) });
