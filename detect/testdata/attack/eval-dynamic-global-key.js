const k = context.key || 'eval';
return globalThis[k]('40 + 2');
