// compat: allowBuiltinModules
const util = require('util');
function legacyFetch(id, cb) {
  setTimeout(() => (id > 0 ? cb(null, { id, name: 'item' + id }) : cb(new Error('bad id ' + id))), 1);
}
const fetchP = util.promisify(legacyFetch);
const item = await fetchP(7);
const err = await fetchP(-1).catch((e) => e.message);
console.log(item, err);
return { item, err };
