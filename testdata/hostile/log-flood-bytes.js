// expect: output_limit
console.log('x'.repeat(2 << 20));
