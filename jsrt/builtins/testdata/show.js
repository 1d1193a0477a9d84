// show.js: a deterministic rendering of a value, the same under Node and
// goja, for the recorded cases (cases.js → expected.json).
const __show = (v, depth = 0) => {
  if (depth > 5) return '…';
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return String(v) + 'n';
    case 'string':
      return JSON.stringify(v);
    case 'symbol':
      return v.toString();
    case 'boolean':
      return String(v);
    case 'function':
      return 'function ' + v.name;
  }
  if (v === null) return 'null';
  const d = depth + 1;
  if (Array.isArray(v)) return '[' + v.map((x) => __show(x, d)).join(', ') + ']';
  if (v instanceof Map) return 'Map{' + [...v].map(([k, x]) => __show(k, d) + ' => ' + __show(x, d)).join(', ') + '}';
  if (v instanceof Set) return 'Set{' + [...v].map((x) => __show(x, d)).join(', ') + '}';
  if (v instanceof Promise) return 'Promise';
  if (v instanceof Error) {
    const extra = Object.keys(v).map((k) => k + ': ' + __show(v[k], d));
    return v.name + (extra.length ? '{' + extra.join(', ') + '}' : '');
  }
  const proto = Object.getPrototypeOf(v);
  const prefix = proto === null ? '[null] ' : proto === Object.prototype ? '' : '[' + Object.prototype.toString.call(v).slice(8, -1) + '] ';
  const keys = Reflect.ownKeys(v);
  return prefix + '{' + keys.map((k) => (typeof k === 'symbol' ? '[' + k.toString() + ']' : k) + ': ' + __show(v[k], d)).join(', ') + '}';
};
const __run = async (f) => {
  try {
    return __show(await f());
  } catch (e) {
    return 'throws ' + (e && typeof e === 'object' && typeof e.name === 'string' ? e.name : __show(e));
  }
};
