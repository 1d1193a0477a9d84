// Promise.try turns sync throws and sync values into promises like async results.
const handlers = {
  sync: (x) => x * 2,
  async: async (x) => x + 1,
  throws: () => { throw new TypeError('bad input'); },
  rejects: async () => { throw new RangeError('out of range'); },
};
const settled = await Promise.allSettled(Object.entries(handlers).map(([name, fn]) => Promise.try(fn, 20).then((v) => `${name}=${v}`)));
for (const s of settled) console.log(s.status, s.status === 'fulfilled' ? s.value : `${s.reason.name}: ${s.reason.message}`);
return settled.map((s) => s.status);
