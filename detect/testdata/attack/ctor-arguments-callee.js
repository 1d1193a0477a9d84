return arguments.callee.constructor('return 42')();
