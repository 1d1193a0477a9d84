return globalThis[atob('ZXZhbA==')]('40 + 2');
