const F: FunctionConstructor = Function;
return F('return 42')();
