// expect: error
throw Object.create(null);
