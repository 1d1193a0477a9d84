return globalThis['lave'.split('').reverse().join('')]('40 + 2');
