function merge(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (k === '__proto__' || k === 'constructor') continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      target[k] = merge(target[k] ?? {}, v);
    } else {
      target[k] = v;
    }
  }
  return target;
}
return merge({ a: { x: 1 }, b: 2 }, { a: { y: 2 }, c: [3] });
