// A smoke case: logs and a value.
console.log('hello', 1, { a: [1, 2] });
return { sum: [1, 2, 3].reduce((a, b) => a + b, 0) };
