// compat: context {"events":[{"user":"u1","amount":30},{"user":"u2","amount":5},{"user":"u1","amount":12},{"user":"u3","amount":40},{"user":"u2","amount":50}]}
const totals = new Map();
for (const { user, amount } of context.events) totals.set(user, (totals.get(user) ?? 0) + amount);
const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([user, total], i) => `${i + 1}. ${user}: ${total.toLocaleString('en-US')}`);
console.log(ranked.join('\n'));
return Object.fromEntries(totals);
