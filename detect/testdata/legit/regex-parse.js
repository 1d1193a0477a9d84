const log = `2024-01-01 ERROR disk full\n2024-01-02 INFO ok\n2024-01-03 WARN slow`;
const re = /^(\d{4}-\d{2}-\d{2}) (\w+) (.*)$/gm;
const out = [];
let m;
while ((m = re.exec(log)) !== null) out.push({ date: m[1], level: m[2], msg: m[3] });
return out;
