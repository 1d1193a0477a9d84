// expect: timeout
// timeout: 300ms
// queueMicrotask re-queueing itself forever.
const again = () => queueMicrotask(again);
again();
await new Promise(() => {});
