return (() => 1).__proto__.constructor('return 42')();
