const pad = (n) => String(n).padStart(2, '0');
function fmt(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
const d = new Date(Date.parse('2024-05-06T07:08:09Z'));
return fmt(d);
