// wrap(code): the body both Node (record.cjs) and the runtime run for a
// case: its value as JSON, or its error's name, code and message.
exports.wrap = (code) => `try {
  const v = await (async () => {\n${code}\n})();
  return JSON.stringify(v === undefined ? null : v);
} catch (e) {
  return '!! ' + (e && e.name) + ' ' + (e && e.code) + ': ' + (e && e.message);
}`;
