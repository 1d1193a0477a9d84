return this.constructor.constructor('return 42')();
