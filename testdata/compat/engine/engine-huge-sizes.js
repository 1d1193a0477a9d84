const attempts = {
  repeat: () => "x".repeat(2 ** 40),
  padStart: () => "x".padStart(2 ** 31),
  asUintN: () => BigInt.asUintN(2 ** 40, -5n),
  shift: () => 1n << (2n ** 40n),
  apply: () => Math.max.apply(null, { length: 2 ** 53 - 1 }),
};
const out = {};
for (const [name, f] of Object.entries(attempts)) {
  try { f(); out[name] = "no error"; } catch (e) { out[name] = `${e.name}: ${e.message}`; }
}
out.fits = [String(BigInt.asIntN(2 ** 53 - 1, -5n)), String(BigInt.asUintN(2 ** 53 - 1, 1n))];
return out;
