class X extends (async () => {}).constructor {}
return await new X('return 42')();
