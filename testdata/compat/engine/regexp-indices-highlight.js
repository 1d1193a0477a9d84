const s = "error at line 3, error at line 9";
const marks = [];
for (const m of s.matchAll(/error at line (\d+)/dg)) {
  const [start, end] = m.indices[1];
  marks.push({ line: Number(m[1]), start, end });
}
return { marks, flags: /a/dgimsuy.flags, source: String(/a/dy) };
