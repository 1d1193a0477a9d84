// Clean lone surrogates out of scraped text before sending it on.
const scraped = ['plain text', 'emoji 😀 ok', 'broken \uD83D tail', '\uDE00 leading low'];
const report = scraped.map((s) => ({ ok: s.isWellFormed(), fixed: s.toWellFormed(), uri: s.toWellFormed() === s ? encodeURIComponent(s) : encodeURIComponent(s.toWellFormed()) }));
console.log(report.filter((r) => !r.ok).length, 'strings repaired');
return report;
