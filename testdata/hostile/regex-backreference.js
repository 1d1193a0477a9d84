// expect: timeout
// timeout: 300ms
// message: killed
return /^(\w+\s?)*\1(?!x)$/.test('a'.repeat(30) + '!');
