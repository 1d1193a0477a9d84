const a = 'ev', b = 'al';
return globalThis[a + b]('40 + 2');
