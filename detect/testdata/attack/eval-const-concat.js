const k = 'ev' + 'al';
return globalThis[k]('40 + 2');
