const lines = [];
for (let i = 1; i <= 5; i++) {
  lines.push('#'.repeat(i) + ' ' + 'row ' + i + ': ' + (i % 2 ? 'odd' : 'even'));
}
const table = lines.join('\n');
return { table, width: Math.max(...lines.map((l) => l.length)) };
