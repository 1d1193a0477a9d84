// Helpers grouped in a namespace, with top-level await and an early return.
namespace Fmt {
  export const currency = (n: number) => `$${n.toFixed(2)}`;
  export namespace Dates {
    export function isoDay(ms: number): string { return new Date(ms).toISOString().slice(0, 10); }
  }
}
interface Sale { amount: number; at: number }
const sales: Sale[] = await Promise.resolve([
  { amount: 19.5, at: Date.UTC(2024, 0, 2) },
  { amount: 5.25, at: Date.UTC(2024, 0, 3) },
]);
if (sales.length === 0) return;
return sales.map((s) => `${Fmt.Dates.isoDay(s.at)} ${Fmt.currency(s.amount)}`);
