// Japanese 年月日 dates and times.
const d = new Date('2025-04-01T03:04:05Z');
return [
  d.toLocaleDateString('ja-JP'),
  d.toLocaleDateString('ja-JP', { year: 'numeric', month: 'long', day: 'numeric' }),
  d.toLocaleDateString('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
  d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }),
  new Intl.DateTimeFormat('ja-JP', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(d),
];
