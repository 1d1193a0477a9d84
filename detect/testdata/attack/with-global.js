with (globalThis) {
  return this;
}
