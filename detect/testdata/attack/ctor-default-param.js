function f(F = (() => 1).constructor) {
  return F('return 42')();
}
return f();
