// Field decorators that transform initial values, and what the context says.
// (Untyped: JavaScript as an agent writes it. Node 24 has no decorators or
// accessor in JavaScript, so TypeScript transpiles the reference.)
const kinds = [];
function trimmed(_, ctx) {
  kinds.push(`${ctx.kind}:${String(ctx.name)}:${ctx.static}:${ctx.private}`);
  return (v) => String(v).trim();
}
function clamp(min, max) {
  return (_, ctx) => (v) => Math.min(max, Math.max(min, v));
}
class Settings {
  @trimmed title = '  Report  ';
  @clamp(1, 100) pageSize = 500;
  @clamp(0, 5) static retries = -3;
}
const s = new Settings();
return { title: s.title, pageSize: s.pageSize, retries: Settings.retries, kinds };
