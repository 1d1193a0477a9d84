function lastDayOfMonth(y, m) {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}
const out = [];
for (let m = 0; m < 12; m++) out.push(lastDayOfMonth(2024, m));
return out;
