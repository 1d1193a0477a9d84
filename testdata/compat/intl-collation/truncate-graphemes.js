// Truncate user names to 5 visible characters without breaking emoji or accents.
// compat: context {"names": ["Zoë Smith", "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", "👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻", "🇺🇸🇬🇧🇩🇪🇫🇷🇯🇵🇨🇦", "abc"]}
const seg = new Intl.Segmenter("en");
const out = context.names.map((n) => {
  const parts = [...seg.segment(n)].map((s) => s.segment);
  return parts.length > 5 ? parts.slice(0, 5).join("") + "…" : n;
});
console.log(out.join(" / "));
const where = seg.segment("a👩🏽‍💻b").containing(3);
console.log(where.segment, where.index);
return out;
