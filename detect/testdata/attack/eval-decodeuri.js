return globalThis[decodeURIComponent('%65%76%61%6c')]('40 + 2');
