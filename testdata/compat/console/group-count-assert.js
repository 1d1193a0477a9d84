console.group('Processing batch');
for (const item of ['a', 'b', 'a']) {
  console.count(item);
}
console.group('Nested');
console.log({ multi: 'line', values: ['xxxxxxxxxxxxxxxxxxxx', 'yyyyyyyyyyyyyyyyyyyy', 'zzzzzzzzzzzzzzzzzzzz'] });
console.groupEnd();
console.warn('careful');
console.groupEnd();
console.count();
console.count();
console.countReset();
console.count();
console.assert(1 + 1 === 2, 'never shown');
console.assert(false, 'expected %d got %d', 3, 4);
console.assert(false);
console.assert(0, { reason: 'zero' });
return 'ok';
