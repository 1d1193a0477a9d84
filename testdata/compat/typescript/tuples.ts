// Optional and rest tuple types, labelled tuples, readonly arrays.
type Range = [start: number, end?: number];
type Log = [level: 'info' | 'warn', ...parts: (string | number)[]];
const ranges: Range[] = [[1, 5], [7]];
const logs: Log[] = [['info', 'started', 3], ['warn', 'slow', 120, 'ms']];
const lengths = ranges.map(([s, e = s]) => e - s + 1);
const lines = logs.map(([lvl, ...rest]) => `${lvl.toUpperCase()} ${rest.join(' ')}`);
const ro: readonly number[] = [3, 1, 2];
return { lengths, lines, sorted: [...ro].sort() };
