const pr = new Intl.PluralRules('en-US');
const msgs = { one: 'You have # new message', other: 'You have # new messages' };
const out = [0, 1, 2, 21].map((n) => msgs[pr.select(n)].replace('#', n));
const ord = new Intl.PluralRules('en-US', { type: 'ordinal' });
const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
out.push([1, 2, 3, 4, 11, 22, 103].map((n) => n + suffix[ord.select(n)]).join(' '));
return out;
