// Array.fromAsync over an async source that fails midway: the error propagates, the source is closed.
const log = [];
const source = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return {
      next: async () => ({ done: i >= 5, value: i++ }),
      return: async () => { log.push('closed'); return { done: true }; },
    };
  },
};
try {
  await Array.fromAsync(source, async (x) => {
    if (x === 3) throw new Error(`bad record ${x}`);
    return x;
  });
} catch (e) {
  log.push(e.message);
}
console.log(log.join('; '));
return log;
