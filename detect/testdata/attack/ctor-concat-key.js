const f = () => 1;
return f['constr' + 'uctor']('return 42')();
