return globalThis?.eval?.('40 + 2');
