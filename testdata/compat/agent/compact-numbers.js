const counts = [999, 1234, 56789, 1200000, 3.4e9];
const short = new Intl.NumberFormat('en', { notation: 'compact' });
const long = new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' });
return counts.map((n) => `${short.format(n)} / ${long.format(n)}`);
