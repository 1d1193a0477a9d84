const p = globalThis.process ?? {};
return p.env;
