const samples = ['ok', 'bad\uD800', '\uDC00x'];
return samples.map((s) => [s.isWellFormed(), s.toWellFormed().length, encodeURIComponent(s.toWellFormed())]);
