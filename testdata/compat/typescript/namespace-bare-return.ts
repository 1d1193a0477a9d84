// A namespace in code that returns early with a bare return.
namespace Rules {
  export const minTotal = 10;
  export function ok(total: number): boolean { return total >= minTotal; }
}
const totals: number[] = await Promise.resolve([3, 4]);
const sum = totals.reduce((a, b) => a + b, 0);
console.log('sum', sum);
if (!Rules.ok(sum)) { console.log('too small'); return; }
return sum;
