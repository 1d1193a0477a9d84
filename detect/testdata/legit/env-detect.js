const isBrowser = typeof window !== 'undefined' && typeof window.document !== 'undefined';
const root = typeof globalThis === 'object' ? globalThis : {};
return { isBrowser, hasTimers: typeof root.setTimeout === 'function', hasClone: 'structuredClone' in root };
