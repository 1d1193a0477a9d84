const isAsync = (fn) => typeof fn === 'function' && fn.constructor && fn.constructor.name === 'AsyncFunction';
return [isAsync(async () => 1), isAsync(() => 1)];
