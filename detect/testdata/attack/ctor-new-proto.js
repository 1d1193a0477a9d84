return await new (Object.getPrototypeOf(async function () {}).constructor)('return 42')();
