return globalThis[(693741).toString(36)]('40 + 2');
