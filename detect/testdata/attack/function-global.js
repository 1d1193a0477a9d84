return globalThis.Function('return 42')();
