return globalThis['pro' + 'cess'].env;
