return setTimeout.constructor('return 42')();
