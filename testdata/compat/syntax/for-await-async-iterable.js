// A hand-written async iterable (Symbol.asyncIterator) over a cursor API.
const data = ['alpha', 'beta', 'gamma', 'delta'];
const cursor = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return {
      next: () => Promise.resolve(i < data.length ? { value: data[i++].toUpperCase(), done: false } : { value: undefined, done: true }),
      return: () => { console.log('return called at', i); return Promise.resolve({ done: true }); },
    };
  },
};
const out = [];
for await (const word of cursor) {
  if (word.startsWith('G')) break;
  out.push(word);
}
return out;
