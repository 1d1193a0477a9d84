// expect: error
throw Symbol('thrown');
