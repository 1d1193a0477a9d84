function process(items) {
  return items.filter(Boolean).map((x) => x * 2);
}
const pipeline = { process: (xs) => xs.length, run(xs) { return this.process(xs); } };
return { processed: process([1, 0, 2]), count: pipeline.run([1, 2, 3]) };
