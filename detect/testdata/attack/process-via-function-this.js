function env() {
  return this.process.env;
}
return env();
