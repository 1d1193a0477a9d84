const encoded = btoa('hello world');
const decoded = atob(encoded);
return { encoded, decoded, same: decoded === 'hello world' };
