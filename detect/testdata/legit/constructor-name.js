function typeName(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  return v.constructor ? v.constructor.name : typeof v;
}
return [1, 'a', [], {}, new Date(0), new Map(), /x/].map(typeName);
