return Reflect.getPrototypeOf(async () => {}).constructor('return 42')();
