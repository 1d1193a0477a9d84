console.log(new Number(3), new String('abc'), new Boolean(false), Object(10n));
console.log([Promise.resolve(5), Promise.reject(new Error('x')).catch(() => {}) && 1]);
console.log(new WeakMap(), new WeakSet());
console.log([1, 2, 3].values());
return 'ok';
