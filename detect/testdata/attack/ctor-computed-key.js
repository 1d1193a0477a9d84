const f = () => 1;
return f['constructor']('return 42')();
