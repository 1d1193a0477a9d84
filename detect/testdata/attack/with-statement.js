with (context) {
  return typeof constructor;
}
