return Reflect.get(globalThis, 'eval')('40 + 2');
