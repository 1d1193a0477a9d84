const get = (o, k) => o[k];
return get(() => 1, 'constr' + 'uctor')('return 42')();
