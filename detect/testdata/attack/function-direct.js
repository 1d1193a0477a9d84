return Function('return 42')();
