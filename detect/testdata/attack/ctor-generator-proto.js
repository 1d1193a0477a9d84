const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
return GeneratorFunction('yield 42')().next().value;
