const names = Object.getOwnPropertyNames(globalThis);
return names.map((n) => globalThis[n]);
