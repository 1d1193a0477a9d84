const m = new Map<string, number[]>();
m.set('a', [1, 2]);
const first = m.get('a')![0];
let maybe: string | null = Math.random() > 2 ? null : 'x';
const len = maybe!.length;
const cfg = { retries: 3 } as const;
return { first, len, retries: cfg.retries };
