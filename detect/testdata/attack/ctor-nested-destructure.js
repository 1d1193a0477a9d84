const { constructor: { constructor: F } } = {};
return F('return 42')();
