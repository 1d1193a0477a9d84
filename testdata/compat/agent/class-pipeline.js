class Pipeline {
  #steps = [];
  static of(...fns) { const p = new Pipeline(); fns.forEach((f) => p.use(f)); return p; }
  use(fn) { this.#steps.push(fn); return this; }
  async run(input) { let v = input; for (const s of this.#steps) v = await s(v); return v; }
}
const out = await Pipeline.of((x) => x.trim(), async (x) => x.toUpperCase(), (x) => x.split(' ')).run('  hello agent world ');
console.log(out);
return out.length;
