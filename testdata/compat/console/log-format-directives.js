console.log('%s has %d items costing %f in total', 'cart', 3, 59.97);
console.log('%i%% done', 87.9);
console.log('payload: %j', { a: [1, 2], b: null });
console.log('object: %o', { nested: { deep: true } });
console.log('Object: %O', { nested: { deep: true } });
console.log('%s and %s', 'only one');
console.log('100%', 'sure');
console.log('%c styled', 'color: red');
return 'ok';
