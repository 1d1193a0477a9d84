// TypeScript with interfaces, generics and a discriminated union: types are
// stripped by the supervisor, so this runs as plain JavaScript.
interface Order {
  id: number;
  customer: string;
  total: number;
  placedAt: string;
}

type Bucket = { kind: 'small'; max: number } | { kind: 'large'; min: number };

function partition<T>(xs: readonly T[], pred: (x: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const x of xs) (pred(x) ? yes : no).push(x);
  return [yes, no];
}

const orders = context.orders as Order[];
const small: Bucket = { kind: 'small', max: 50 };
const [cheap, pricey] = partition(orders, (o: Order): boolean => o.total <= small.max);
return {
  cheap: cheap.map((o) => o.id),
  pricey: pricey.map((o) => o.id),
  average: Math.round((orders.reduce((s, o) => s + o.total, 0) / orders.length) * 100) / 100,
};
