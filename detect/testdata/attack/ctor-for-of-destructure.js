for (const { constructor: F } of [() => 1]) {
  return F('return 42')();
}
