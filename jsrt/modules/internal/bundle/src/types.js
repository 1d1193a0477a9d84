'use strict';
// util.types: checks on the engine's own internal class of a value (what
// Node asks V8), not on properties the value could fake.

const classOf = host.classOf; // the engine's class name of an object, '' for a primitive
const ReflectApply = Reflect.apply;
const getPrototypeOf = Object.getPrototypeOf;
const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const dataViewByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
const sharedByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : undefined;
const isView = ArrayBuffer.isView;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
const weakMapHas = WeakMap.prototype.has;
const weakSetHas = WeakSet.prototype.has;
const MapIteratorPrototype = getPrototypeOf(new Map().keys());
const SetIteratorPrototype = getPrototypeOf(new Set().keys());
const AsyncFunctionPrototype = getPrototypeOf(async function () {});
const GeneratorFunctionPrototype = getPrototypeOf(function* () {});

function isObjectLike(v) {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

function tag(v) {
  return isObjectLike(v) ? ReflectApply(typedArrayTag, v, []) : undefined;
}

function works(getter, v) {
  if (!isObjectLike(v) || getter === undefined) return false;
  try {
    ReflectApply(getter, v, []);
    return true;
  } catch {
    return false;
  }
}

function classIs(name) {
  return (v) => isObjectLike(v) && classOf(v) === name;
}

const types = {
  isArrayBuffer: (v) => works(arrayBufferByteLength, v),
  isSharedArrayBuffer: (v) => works(sharedByteLength, v),
  isAnyArrayBuffer: (v) => works(arrayBufferByteLength, v) || works(sharedByteLength, v),
  isArrayBufferView: (v) => isView(v),
  isDataView: (v) => works(dataViewByteLength, v),
  isTypedArray: (v) => tag(v) !== undefined,
  isDate: classIs('Date'),
  isRegExp: classIs('RegExp'),
  isMap: (v) => works(mapSize, v),
  isSet: (v) => works(setSize, v),
  isWeakMap: (v) => works(function () { ReflectApply(weakMapHas, this, [{}]); }, v),
  isWeakSet: (v) => works(function () { ReflectApply(weakSetHas, this, [{}]); }, v),
  isPromise: classIs('Promise'),
  isMapIterator: (v) => isObjectLike(v) && (classOf(v) === 'Map Iterator' || getPrototypeOf(v) === MapIteratorPrototype),
  isSetIterator: (v) => isObjectLike(v) && (classOf(v) === 'Set Iterator' || getPrototypeOf(v) === SetIteratorPrototype),
  isGeneratorObject: classIs('Generator'),
  isArgumentsObject: classIs('Arguments'),
  isNativeError: (v) => isObjectLike(v) && (classOf(v) === 'Error' || classOf(v) === 'AggregateError'),
  isNumberObject: (v) => typeof v === 'object' && v !== null && classOf(v) === 'Number',
  isStringObject: (v) => typeof v === 'object' && v !== null && classOf(v) === 'String',
  isBooleanObject: (v) => typeof v === 'object' && v !== null && classOf(v) === 'Boolean',
  isBigIntObject: (v) => typeof v === 'object' && v !== null && classOf(v) === 'BigInt',
  isSymbolObject: (v) => typeof v === 'object' && v !== null && classOf(v) === 'Symbol',
  isBoxedPrimitive: (v) => typeof v === 'object' && v !== null &&
    ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(classOf(v)),
  isAsyncFunction: (v) => typeof v === 'function' && (classOf(v) === 'AsyncFunction' || getPrototypeOf(v) === AsyncFunctionPrototype),
  isGeneratorFunction: (v) => typeof v === 'function' && (classOf(v) === 'GeneratorFunction' || getPrototypeOf(v) === GeneratorFunctionPrototype),
  isProxy: (v) => isObjectLike(v) && host.proxyDetails(v, false) !== undefined,
  isModuleNamespaceObject: () => false,
  isExternal: () => false,
  isKeyObject: () => false,
  isCryptoKey: () => false,
  isWeakRef: classIs('WeakRef'),
};
for (const name of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array', 'Int16Array',
  'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  types['is' + name] = (v) => tag(v) === name;
}

module.exports = { types };
