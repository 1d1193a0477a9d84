// AsyncDisposableStack: async cleanups awaited one after the other, last first.
const log = [];
const connection = (name, ms) => ({
  name,
  async [Symbol.asyncDispose]() {
    await new Promise((r) => setTimeout(r, ms));
    log.push(`closed ${name}`);
  },
});
const stack = new AsyncDisposableStack();
stack.use(connection('slow', 20));
stack.use(connection('fast', 1));
stack.adopt('tmpdir', async (d) => log.push(`removed ${d}`));
await stack.disposeAsync();
console.log(log.join(', '));
return { log, disposed: stack.disposed };
