return globalThis.require('fs');
