// expect: blocked
Object.setPrototypeOf(Object.prototype, { polluted: 1 });
return 1;
