type Shape = { kind: 'circle'; r: number } | { kind: 'square'; s: number };
function area(sh: Shape): number {
  switch (sh.kind) {
    case 'circle': return Math.PI * sh.r ** 2;
    case 'square': return sh.s ** 2;
  }
}
const isNum = (x: unknown): x is number => typeof x === 'number';
const mixed: unknown[] = [1, 'a', 2];
return { areas: [area({ kind: 'square', s: 3 }), Math.round(area({ kind: 'circle', r: 1 }))], nums: mixed.filter(isNum) };
