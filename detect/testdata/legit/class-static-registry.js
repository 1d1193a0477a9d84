class Registry {
  static items = { a: 1, b: 2 };
  static describe = 'registry';
  static get(key) {
    return this.items[key] ?? Registry[key] ?? null;
  }
  static keys() {
    return Object.keys(this.items);
  }
}
return [Registry.get('a'), Registry.get('describe'), Registry.keys()];
