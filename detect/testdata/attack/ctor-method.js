return [].map.constructor('return 42')();
