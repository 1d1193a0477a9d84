const f = () => 1;
return f[`con${'struct'}or`]('return 42')();
