const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(() => 1), 'constructor');
return d.value('return 42')();
