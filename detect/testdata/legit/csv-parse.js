const csv = context.csv || 'name,age\nana,31\nbo,27';
const [header, ...rows] = csv.trim().split('\n').map((l) => l.split(','));
return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, isNaN(r[i]) ? r[i] : Number(r[i])])));
