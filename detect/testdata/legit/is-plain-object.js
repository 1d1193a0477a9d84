function isPlainObject(v) {
  return v !== null && typeof v === 'object' && (v.constructor === Object || Object.getPrototypeOf(v) === null);
}
return [isPlainObject({}), isPlainObject([]), isPlainObject(Object.create(null)), isPlainObject(new Date())];
