// expect: error
// Array lengths cannot be turned into getters.
Object.defineProperty([], 'length', { get() { return 1e9; } });
return 1;
