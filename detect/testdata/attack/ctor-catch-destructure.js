try {
  throw () => 1;
} catch ({ constructor: F }) {
  return F('return 42')();
}
