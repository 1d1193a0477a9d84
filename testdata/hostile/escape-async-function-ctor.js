// expect: blocked
// The AsyncFunction constructor, reached from an async arrow.
const AsyncFunction = (async () => {}).constructor;
return await new AsyncFunction('return 1')();
