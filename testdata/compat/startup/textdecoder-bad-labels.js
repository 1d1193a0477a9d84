const out = {};
for (const l of ["utf-7", "iso-2022-kr", "hz-gb-2312", " utf-8 ", "UTF-16", "ascii"]) {
  try { out[l] = new TextDecoder(l).encoding; } catch (e) { out[l] = e.name; }
}
return out;
