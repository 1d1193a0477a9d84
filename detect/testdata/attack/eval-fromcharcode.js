return globalThis[String.fromCharCode(101, 118, 97, 108)]('40 + 2');
