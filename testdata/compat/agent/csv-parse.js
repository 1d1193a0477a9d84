const csv = `name,age,city
"Smith, John",42,Berlin
Ana,31,"São Paulo"
Li,27,Beijing`;
const parseLine = (line) => {
  const out = []; let cur = ''; let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
};
const [header, ...rows] = csv.split('\n').map(parseLine);
const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, h === 'age' ? Number(r[i]) : r[i]])));
console.log(records);
return records.sort((a, b) => a.name.localeCompare(b.name, 'en'));
