// Date math in UTC: add months without overflowing short months, and count
// business days between two dates.
const addMonths = (d, n) => {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
};
const businessDays = (from, to) => {
  let n = 0;
  for (let d = new Date(from); d < to; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
};
const start = new Date(context.start);
const due = addMonths(start, 1);
return {
  start,
  due,
  businessDaysUntilDue: businessDays(start, due),
  dueWeekday: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][due.getUTCDay()],
};
