// expect: error
return { get boom() { throw new Error('getter'); } };
