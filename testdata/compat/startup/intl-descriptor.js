// The global Intl, read once, is an ordinary data property.
const d = Object.getOwnPropertyDescriptor(globalThis, "Intl");
return { type: typeof d.value, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable, tag: Object.prototype.toString.call(Intl) };
