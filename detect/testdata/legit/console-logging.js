console.log('starting', { n: 3 });
console.info('info line');
console.warn('careful');
console.error(new Error('not fatal').message);
console.debug('debug', [1, 2]);
return 'logged';
