Object.defineProperty(globalThis, 'run', { get: () => eval });
return run('40 + 2');
