const { Function: F } = globalThis;
return F('return 42')();
