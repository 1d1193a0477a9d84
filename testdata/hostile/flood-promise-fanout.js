// expect: memory
// memory: 64
// timeout: 10s
// Each job schedules two more: the queue grows until the memory limit.
const grow = () => { Promise.resolve().then(grow); Promise.resolve().then(grow); };
grow();
await new Promise(() => {});
