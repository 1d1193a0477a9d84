// A class decorator that registers handlers, with addInitializer.
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
const registry = new Map();
function handler(type) {
  return (cls, ctx) => {
    ctx.addInitializer(function () { registry.set(type, this); });
    return cls;
  };
}
@handler('csv') class CsvParser { parse(s) { return s.split(','); } }
@handler('lines') class LineParser { parse(s) { return s.split('\n'); } }
const Parser = registry.get('csv');
return { types: [...registry.keys()], parsed: new Parser().parse('a,b,c'), name: registry.get('lines').name };
