const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
function setPath(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (FORBIDDEN.has(k)) throw new Error('bad key ' + k);
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k];
  }
  const last = keys[keys.length - 1];
  if (last === '__proto__' || last === 'constructor') return obj;
  cur[last] = value;
  return obj;
}
return setPath({}, 'a.b.c', 1);
