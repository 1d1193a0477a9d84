return (() => {}).constructor('return 42')();
