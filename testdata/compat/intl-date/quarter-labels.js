// compat: context {"sales": [{"month": "2025-01", "v": 10}, {"month": "2025-02", "v": 12}, {"month": "2025-04", "v": 7}, {"month": "2025-08", "v": 20}, {"month": "2025-11", "v": 3}]}
// Month labels and quarter grouping for a chart, in English and French.
const en = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
const fr = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const quarters = {};
for (const s of context.sales) {
  const d = new Date(s.month + '-01T00:00:00Z');
  const q = 'Q' + (Math.floor(d.getUTCMonth() / 3) + 1);
  (quarters[q] ||= []).push(`${en.format(d)} (${fr.format(d)}): ${s.v}`);
}
return quarters;
