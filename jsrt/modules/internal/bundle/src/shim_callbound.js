'use strict';
// call-bind/callBound for the one intrinsic assert asks for.
const ReflectApply = Reflect.apply;
const methods = { 'RegExp.prototype.test': RegExp.prototype.test };
module.exports = (name) => {
  const m = methods[name];
  if (!m) throw new TypeError('callBound: ' + name + ' is not provided');
  return (self, ...args) => ReflectApply(m, self, args);
};
