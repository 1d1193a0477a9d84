const p = Object.getPrototypeOf(async () => {});
const k = Object.getOwnPropertyNames(p).find((n) => n.length === 11);
return await p[k]('return 42')();
