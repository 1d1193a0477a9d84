const g = globalThis;
return g['ev' + 'al']('40 + 2');
