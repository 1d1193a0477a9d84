// expect: error
return new Proxy({ a: 1 }, { ownKeys() { throw new Error('no keys'); } });
