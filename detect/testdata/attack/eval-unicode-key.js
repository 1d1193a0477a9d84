return globalThis['\u0065\u0076al']('40 + 2');
