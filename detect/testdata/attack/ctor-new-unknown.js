const make = (f) => new f.constructor('return 42');
return make(() => 1)();
