const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
return await AsyncFunction('return 42')();
