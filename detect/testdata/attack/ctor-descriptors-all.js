const d = Object.getOwnPropertyDescriptors(Object.getPrototypeOf(async () => 1));
return await d.constructor.value('return 42')();
