let k = 'ev';
k += 'al';
return globalThis[k]('40 + 2');
