// expect: error
throw { toString() { throw new Error('nested'); } };
