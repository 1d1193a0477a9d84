return globalThis[['e', 'v', 'a', 'l'].join('')]('40 + 2');
