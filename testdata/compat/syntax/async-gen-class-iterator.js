// A class whose instances are async iterable, with an async generator method.
class Inbox {
  #messages;
  constructor(messages) { this.#messages = messages; }
  async *[Symbol.asyncIterator]() {
    for (const m of this.#messages) {
      await Promise.resolve();
      if (!m.spam) yield `${m.from}: ${m.subject}`;
    }
  }
}
const inbox = new Inbox([
  { from: 'ana', subject: 'report', spam: false },
  { from: 'x', subject: 'win $$$', spam: true },
  { from: 'bo', subject: 'lunch?', spam: false },
]);
const lines = [];
for await (const line of inbox) lines.push(line);
return { lines, isAsyncIterable: typeof inbox[Symbol.asyncIterator] === 'function' };
