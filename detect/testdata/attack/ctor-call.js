const f = () => 1;
return f.constructor.call(null, 'return 42')();
