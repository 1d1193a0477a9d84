// satisfies keeps the literal types and checks the shape; as const.
type Route = { path: string; method: 'GET' | 'POST' };
const routes = {
  list: { path: '/items', method: 'GET' },
  create: { path: '/items', method: 'POST' },
} satisfies Record<string, Route>;
const sizes = [1, 2, 3] as const;
const config = { retries: 3, backoff: [100, 200] } as const satisfies { retries: number; backoff: readonly number[] };
return { methods: Object.values(routes).map((r) => r.method), sum: sizes.reduce((a, b) => a + b, 0), config };
