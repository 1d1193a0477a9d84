// An uncaught Invalid URL error ends the program with a TypeError.
const base = 'not a base';
return new URL('/path', base).href;
