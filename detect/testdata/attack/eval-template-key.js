return globalThis[`${'ev'}al`]('40 + 2');
