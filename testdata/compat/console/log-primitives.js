console.log(1, -0, 0, NaN, Infinity, 12345678901234567890, 0.1 + 0.2);
console.log(true, null, undefined, 10n, Symbol('tag'));
console.log([1, -0, 'x', null, undefined]);
console.log('a string', ['a string'], "it's", ["it's"], ['say "hi"']);
console.log(['tab\there', 'new\nline', 'back\\slash']);
return typeof console.log;
