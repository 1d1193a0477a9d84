return globalThis.globalThis.window?.eval('40 + 2');
