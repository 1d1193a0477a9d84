const { constructor: F } = () => 1;
return F('return 42')();
