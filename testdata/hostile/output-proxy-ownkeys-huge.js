// expect: output_limit
// A Proxy that reports two hundred thousand keys.
const keys = Array.from({ length: 2e5 }, (_, i) => 'key' + i);
return new Proxy({}, {
  ownKeys() { return keys; },
  getOwnPropertyDescriptor() { return { value: 1, enumerable: true, configurable: true }; },
  get() { return 1; },
});
