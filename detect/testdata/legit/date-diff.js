const start = new Date(Date.UTC(2024, 0, 15));
const end = new Date(Date.UTC(2024, 2, 1));
const days = Math.round((end - start) / 86400000);
const weeks = Math.floor(days / 7);
return { days, weeks, startDay: start.getUTCDay(), iso: end.toISOString().slice(0, 10) };
