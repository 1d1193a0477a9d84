const { a, b: { c = 5, ...rest } = {}, ...others } = { a: 1, b: { d: 2, e: 3 }, f: 4 };
const [first, , third = 'x', ...tail] = [10, 20, undefined, 40, 50];
const swap = ([x, y]) => [y, x];
return { a, c, rest, others, first, third, tail, swapped: swap([1, 2]) };
