console.info('info line');
console.debug('debug line');
console.error('error line', { code: 'E_FAIL' });
console.warn('warn', 1, 2);
console.log();
console.log('');
return [1, 2];
