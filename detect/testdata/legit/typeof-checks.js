const isNode = typeof process !== 'undefined';
const hasRequire = typeof require === 'function';
const g = typeof globalThis !== 'undefined' ? globalThis : {};
return { isNode, hasRequire, hasClone: typeof g.structuredClone === 'function', hasFetch: typeof globalThis.fetch };
