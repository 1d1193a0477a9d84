const meta = new WeakMap();
function tag(obj, label) { meta.set(obj, { label, at: 1 }); return obj; }
const a = tag({}, 'a');
return meta.get(a).label;
