const get = (o) => o.constructor;
return get(get(() => 1))('return 42')();
