return ({}).constructor.constructor('return 42')();
