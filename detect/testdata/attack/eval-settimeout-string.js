return await new Promise((resolve) => { globalThis.resolve = resolve; setTimeout('resolve(40 + 2)', 1); });
