// No locale given: the sandbox's default (en-US, UTC), as in Node with LANG=C.
const d = new Date('2025-03-03T14:05:09Z');
return [d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString(), new Intl.DateTimeFormat().format(d),
  d.toLocaleString(undefined, { month: 'short' }), d.toLocaleDateString([], { dateStyle: 'medium' })];
