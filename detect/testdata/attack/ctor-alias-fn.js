function f() {}
const F = f.constructor;
return F('return 42')();
