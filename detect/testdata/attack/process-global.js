return globalThis.process.env;
