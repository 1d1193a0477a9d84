return (0, (() => {}).constructor)('return 42')();
