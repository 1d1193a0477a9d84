const AsyncFunction = (async () => {}).constructor;
return await AsyncFunction('return 42')();
