// expect: blocked
return globalThis['ev' + 'al']('1');
