// expect: invalid
// context: [1, 2, 3]
return context;
